package org.workcell.host.internal.sandbox;

import java.util.List;
import org.workcell.host.Isolation;

/** No sandbox: the phone runs as a plain child process. Only on {@code --insecure-no-sandbox}. */
public final class Unsandboxed implements Sandbox {
    @Override
    public Isolation isolation() {
        return Isolation.NONE;
    }

    @Override
    public boolean seccomp() {
        return false;
    }

    @Override
    public PhoneView view(SandboxSpec spec) {
        return new PhoneView(spec.image().toString(), spec.data().toString(), spec.scratch().resolve("tmp").toString());
    }

    @Override
    public List<String> wrap(SandboxSpec spec, List<String> phoneCommand) {
        return phoneCommand;
    }
}
