package com.example.expenses;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;

/** One expense: what, how much, in which category. Amounts are kept as exact decimals. */
public record Expense(String description, BigDecimal amount, String category) {
    public static final String[] CATEGORIES = {"Travel", "Meals", "Lodging", "Supplies", "Other"};

    public Expense {
        if (description == null || description.isBlank() || description.length() > 80) {
            throw new IllegalArgumentException("Describe the expense in 1 to 80 characters.");
        }
        if (amount == null || amount.signum() <= 0 || amount.compareTo(new BigDecimal("100000")) > 0) {
            throw new IllegalArgumentException("The amount must be more than 0 and at most 100000.");
        }
        description = description.strip();
        amount = amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** Parses what the user typed: digits with at most one decimal point (or comma) and two decimals. */
    public static BigDecimal parseAmount(String text) {
        String t = text == null ? "" : text.strip().replace(',', '.');
        if (!t.matches("\\d{1,6}(\\.\\d{1,2})?")) {
            throw new IllegalArgumentException("Enter the amount as a number, like 12.50.");
        }
        return new BigDecimal(t);
    }

    public String formatted() {
        return String.format(Locale.ROOT, "%,.2f", amount);
    }
}
