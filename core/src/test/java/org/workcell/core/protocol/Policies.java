package org.workcell.core.protocol;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.workcell.core.problem.Problem.FieldError;

/** Test helpers: copies of the default policy with some fields changed, and the fields validate names. */
final class Policies {
    private Policies() {}

    /** The default policy with {@code name, value, name, value, ...} changed. */
    static PolicySettings with(Object... nameValuePairs) {
        Map<String, Object> changes = new HashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            changes.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return with(PolicySettings.defaults(), changes);
    }

    static PolicySettings with(PolicySettings base, Map<String, Object> changes) {
        RecordComponent[] components = PolicySettings.class.getRecordComponents();
        Object[] values = new Object[components.length];
        try {
            for (int i = 0; i < components.length; i++) {
                String name = components[i].getName();
                values[i] = changes.containsKey(name) ? changes.get(name) : components[i].getAccessor().invoke(base);
            }
            for (String name : changes.keySet()) {
                if (Arrays.stream(components).noneMatch(c -> c.getName().equals(name))) {
                    throw new IllegalArgumentException("PolicySettings has no field " + name);
                }
            }
            Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
            return PolicySettings.class.getDeclaredConstructor(types).newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
