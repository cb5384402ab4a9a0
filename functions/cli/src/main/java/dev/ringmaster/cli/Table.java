package dev.ringmaster.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain-text table with columns sized to their widest cell; the last column may run long. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        rows.add(header);
    }

    Table row(String... cells) {
        rows.add(cells);
        return this;
    }

    void print(PrintWriter out) {
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols - 1; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                b.append(i == cols - 1 ? r[i] : pad(r[i], width[i] + 2));
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String pad(String s, int n) {
        return s + " ".repeat(Math.max(0, n - s.length()));
    }
}
