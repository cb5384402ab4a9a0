package dev.ringmaster.core.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.Node;

/** Collects every error of one file, each at the line and column of the node it is about. */
final class Problems {
    private final String file;
    private final List<PlanError> errors = new ArrayList<>();

    Problems(String file) {
        this.file = file;
    }

    void add(Node node, String path, String message) {
        Mark mark = node == null ? null : node.getStartMark().orElse(null);
        add(mark, path, message);
    }

    void add(Mark mark, String path, String message) {
        int line = mark == null ? 1 : mark.getLine() + 1;
        int col = mark == null ? 1 : mark.getColumn() + 1;
        errors.add(new PlanError(file, line, col, path, message));
    }

    int size() {
        return errors.size();
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    List<PlanError> sorted() {
        List<PlanError> copy = new ArrayList<>(errors);
        Collections.sort(copy);
        return List.copyOf(copy);
    }
}
