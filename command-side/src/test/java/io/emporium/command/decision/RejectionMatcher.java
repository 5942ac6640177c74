package io.emporium.command.decision;

import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;

/** Matches a command's answer that is a {@link Rejection} with the given reason. */
public final class RejectionMatcher {

    private RejectionMatcher() {}

    public static Matcher<Object> rejectedFor(String reason) {
        return new CustomTypeSafeMatcher<>("a rejection for " + reason) {
            @Override
            protected boolean matchesSafely(Object answer) {
                return answer instanceof Rejection rejection && rejection.reason().equals(reason);
            }
        };
    }
}
