package io.emporium.bench.process;

import java.util.List;

/** Which of the engine's roles a benchmark runs; the others are switched off by configuration (ADR 003). */
public enum EngineRoles {
    /** Command side, projections and query side in one process, as ./emporium run starts it. */
    ALL(List.of()),
    /** Without projections: appends alone, so a store of millions of events is not projected meanwhile. */
    WITHOUT_PROJECTIONS(List.of("--emporium.roles.projections.enabled=false"));

    private final List<String> arguments;

    EngineRoles(List<String> arguments) {
        this.arguments = arguments;
    }

    List<String> arguments() {
        return arguments;
    }

    @Override
    public String toString() {
        return this == ALL ? "all roles" : "without projections";
    }
}
