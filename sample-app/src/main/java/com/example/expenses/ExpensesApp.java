package com.example.expenses;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.workcell.sdk.app.App;
import org.workcell.sdk.app.AppContext;
import org.workcell.sdk.app.Bundle;
import org.workcell.sdk.app.Permission;
import org.workcell.sdk.app.Screen;
import org.workcell.sdk.ui.Button;
import org.workcell.sdk.ui.Column;
import org.workcell.sdk.ui.Icon;
import org.workcell.sdk.ui.Label;
import org.workcell.sdk.ui.Linear;
import org.workcell.sdk.ui.Row;
import org.workcell.sdk.ui.Scroll;
import org.workcell.sdk.ui.TextField;

/**
 * A catalog app built on the SDK alone: record expenses, see the running total, submit the
 * report. Expenses live in the app's private storage; a half-typed expense survives the app
 * being stopped.
 */
public final class ExpensesApp extends App {
    private final List<Expense> expenses = new ArrayList<>();
    private ExpenseStore store;
    private final Column list = new Column();
    private final Label total = new Label("");
    private TextField draftDescription;
    private TextField draftAmount;
    private String draftCategory = Expense.CATEGORIES[0];

    @Override
    public void onCreate(AppContext context, Bundle saved) {
        store = new ExpenseStore(context.storage());
        total.style(Label.Style.TITLE).textSize(28);
        list.spacing(8);
        Column page = new Column(new Label("Open report").style(Label.Style.CAPTION), total, list,
                new Button("Submit report", v -> submit()).description("Submit report"));
        page.spacing(12).padding(16);
        context.setRoot(new Screen("Expenses", new Scroll(page)).action(Icon.Glyph.PLUS, "Add expense", s -> showAdd(null)));
        context.background(store::load, loaded -> {
            expenses.addAll(loaded);
            refresh();
        }, e -> context.toast("Could not read the report: " + e.getMessage()));
        refresh();
        if (saved.get("draft.description", null) != null) {
            showAdd(saved);
        }
    }

    @Override
    public void onSaveState(Bundle out) {
        if (draftDescription != null && draftDescription.window() != null) {
            out.put("draft.description", draftDescription.text());
            out.put("draft.amount", draftAmount.text());
            out.put("draft.category", draftCategory);
        }
    }

    private void refresh() {
        list.removeAll();
        BigDecimal sum = BigDecimal.ZERO;
        for (Expense e : expenses) {
            sum = sum.add(e.amount());
            Column what = new Column(new Label(e.description()).bold(true).maxLines(1), new Label(e.category()).style(Label.Style.CAPTION));
            Row row = new Row(what, new Label(e.formatted()));
            what.flex(1);
            row.spacing(12).padding(12).background(0xFFFFFF).cornerRadius(12);
            row.description(e.description());
            list.add(row);
        }
        if (expenses.isEmpty()) {
            list.add(new Label("No expenses yet. Add one with +.").style(Label.Style.CAPTION).padding(0, 12));
        }
        total.text(String.format(java.util.Locale.ROOT, "%,.2f", sum));
    }

    private void showAdd(Bundle saved) {
        AppContext context = context();
        draftDescription = new TextField("What was it?").maxLength(80);
        draftAmount = new TextField("Amount, like 12.50").maxLength(9);
        draftDescription.description("Description");
        draftAmount.description("Amount");
        if (saved != null) {
            draftDescription.text(saved.get("draft.description", ""));
            draftAmount.text(saved.get("draft.amount", ""));
            draftCategory = saved.get("draft.category", draftCategory);
        }
        Row categories = new Row();
        categories.spacing(6);
        List<Button> buttons = new ArrayList<>();
        for (String c : Expense.CATEGORIES) {
            Button b = new Button(c, c.equals(draftCategory) ? Button.Kind.FILLED : Button.Kind.OUTLINED, v -> { });
            buttons.add(b);
        }
        for (Button b : buttons) {
            b.onClick(v -> {
                draftCategory = b.text();
                for (Button other : buttons) {
                    other.kind(other == b ? Button.Kind.FILLED : Button.Kind.OUTLINED);
                }
            });
        }
        Column categoryRows = new Column(new Row(buttons.get(0), buttons.get(1), buttons.get(2)), new Row(buttons.get(3), buttons.get(4)));
        categoryRows.spacing(6);
        Label error = new Label("").color(0xC62828);
        Column form = new Column(new Label("Description").style(Label.Style.CAPTION), draftDescription,
                new Label("Amount").style(Label.Style.CAPTION), draftAmount,
                new Label("Category").style(Label.Style.CAPTION), categoryRows, error,
                new Button("Save expense", v -> save(error)).description("Save expense"));
        form.spacing(8).align(Linear.Align.STRETCH).padding(16);
        context.show(new Screen("New expense", new Scroll(form)));
        draftDescription.requestFocus();
    }

    private void save(Label error) {
        Expense e;
        try {
            e = new Expense(draftDescription.text(), Expense.parseAmount(draftAmount.text()), draftCategory);
        } catch (IllegalArgumentException ex) {
            error.text(ex.getMessage());
            return;
        }
        expenses.add(e);
        persist();
        draftDescription = null;
        draftAmount = null;
        context().back();
        refresh();
        context().toast("Added " + e.description());
    }

    private void submit() {
        if (expenses.isEmpty()) {
            context().toast("Nothing to submit yet");
            return;
        }
        BigDecimal sum = expenses.stream().map(Expense::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        int count = expenses.size();
        expenses.clear();
        persist();
        refresh();
        if (context().has(Permission.NOTIFICATIONS)) {
            context().notify("Report submitted", count + " expense" + (count == 1 ? "" : "s") + ", " + String.format(java.util.Locale.ROOT, "%,.2f", sum));
        } else {
            context().toast("Report submitted");
        }
    }

    private void persist() {
        List<Expense> snapshot = List.copyOf(expenses);
        context().background(() -> {
            store.save(snapshot);
            return null;
        }, done -> { }, e -> context().toast("Could not save the report: " + e.getMessage()));
    }
}
