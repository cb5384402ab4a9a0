package dev.ringmaster.core.plan;

/** One validation error, printed as {@code FILE:LINE:COL: path: message} (1-based line and column). */
public record PlanError(String file, int line, int column, String path, String message) implements Comparable<PlanError> {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }

    @Override
    public int compareTo(PlanError o) {
        int c = Integer.compare(line, o.line);
        if (c == 0) {
            c = Integer.compare(column, o.column);
        }
        return c == 0 ? message.compareTo(o.message) : c;
    }
}
