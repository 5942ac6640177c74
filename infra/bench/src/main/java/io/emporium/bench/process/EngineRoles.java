package io.emporium.bench.process;

import java.util.List;

/** Which of the engine's roles a benchmark runs; the others are switched off by configuration (ADR 003). */
public enum EngineRoles {
    /** Command side, projections and query side in one process, as ./emporium run starts it. */
    ALL(List.of()),
    /** The command side without the checkout process or projections: the append path and nothing behind it. */
    COMMANDS_ONLY(List.of("--emporium.roles.projections.enabled=false", "--emporium.roles.checkout.enabled=false",
            "--emporium.roles.query.enabled=false")),
    /** Projections alone (with the ops API): replays and rebuilds, with no orders decided meanwhile. */
    PROJECTIONS_ONLY(List.of("--emporium.roles.command.enabled=false", "--emporium.roles.query.enabled=false",
            "--emporium.roles.checkout.enabled=false"));

    private final List<String> arguments;

    EngineRoles(List<String> arguments) {
        this.arguments = arguments;
    }

    List<String> arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return switch (this) {
            case ALL -> "all roles";
            case COMMANDS_ONLY -> "command side alone, no checkout process";
            case PROJECTIONS_ONLY -> "projections alone";
        };
    }
}
