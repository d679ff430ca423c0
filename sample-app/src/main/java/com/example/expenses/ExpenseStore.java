package com.example.expenses;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.workcell.sdk.app.Storage;

/** The open report's expenses, kept in the app's private storage as one key-value file. */
final class ExpenseStore {
    private static final String FILE = "report";

    private final Storage storage;

    ExpenseStore(Storage storage) {
        this.storage = storage;
    }

    List<Expense> load() throws IOException {
        Map<String, String> values = storage.read(FILE);
        int count = Integer.parseInt(values.getOrDefault("count", "0"));
        List<Expense> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(new Expense(values.get(i + ".description"), new BigDecimal(values.get(i + ".amount")), values.get(i + ".category")));
        }
        return out;
    }

    void save(List<Expense> expenses) throws IOException {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("count", Integer.toString(expenses.size()));
        for (int i = 0; i < expenses.size(); i++) {
            Expense e = expenses.get(i);
            values.put(i + ".description", e.description());
            values.put(i + ".amount", e.amount().toPlainString());
            values.put(i + ".category", e.category());
        }
        storage.write(FILE, values);
    }
}
