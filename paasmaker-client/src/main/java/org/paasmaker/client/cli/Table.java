package org.paasmaker.client.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Rows in columns, as {@code ls -l} or {@code kubectl get} print them: a header in capitals, each
 * column as wide as its widest cell, two spaces between, no trailing blanks. Cells may carry colour;
 * their width is that of the visible text.
 */
final class Table {

    private static final Pattern ANSI = Pattern.compile("\u001b\\[[0-9;]*m");

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("a row of " + header + " has " + header.size() + " cells, not "
                    + cells.length);
        }
        rows.add(Arrays.stream(cells).map(cell -> cell == null ? "" : String.valueOf(cell)).toList());
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.size()];
        for (int column = 0; column < widths.length; column++) {
            widths[column] = header.get(column).length();
            for (List<String> row : rows) {
                widths[column] = Math.max(widths[column], visibleLength(row.get(column)));
            }
        }
        printRow(out, header, widths);
        rows.forEach(row -> printRow(out, row, widths));
        out.flush();
    }

    private static void printRow(PrintWriter out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int column = 0; column < cells.size(); column++) {
            String cell = cells.get(column);
            line.append(cell);
            if (column < cells.size() - 1) {
                line.append(" ".repeat(widths[column] - visibleLength(cell) + 2));
            }
        }
        out.println(line.toString().stripTrailing());
    }

    private static int visibleLength(String cell) {
        return ANSI.matcher(cell).replaceAll("").length();
    }
}
