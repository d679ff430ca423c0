package org.workcell.host.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.workcell.host.internal.sandbox.ClassicBpf.SeccompData;
import org.workcell.host.internal.sandbox.SeccompFilter.Architecture;

/**
 * The generated programs, run in {@link ClassicBpf}, against a plain Java statement of the policy.
 * The model repeats the policy's constants as literals on purpose: it must not share the
 * generator's mistakes.
 */
class SeccompFilterProperties {

  static final int KILL_PROCESS = 0x8000_0000;
  static final int ALLOW = 0x7fff_0000;
  static final int EPERM = 0x0005_0001;
  static final int ENOSYS = 0x0005_0026;
  static final int EAFNOSUPPORT = 0x0005_0061;

  static final int AUDIT_ARCH_X86_64 = 0xC000_003E;
  static final int AUDIT_ARCH_AARCH64 = 0xC000_00B7;
  static final int AUDIT_ARCH_I386 = 0x4000_0003;
  static final int AUDIT_ARCH_ARM = 0x4000_0028;

  /** CLONE_NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. */
  static final long[] CLONE_NEW = {
    0x80, 0x20000, 0x2000000, 0x4000000, 0x8000000, 0x10000000, 0x20000000, 0x40000000
  };

  /** What glibc's pthread_create passes to clone: must stay allowed. */
  static final long GLIBC_THREAD_FLAGS = 0x3d0f00;

  static final List<String> BRIEF_DENY_LIST =
      List.of(
          "ptrace", "process_vm_readv", "process_vm_writev", "kcmp", "mount", "umount2",
          "pivot_root", "chroot", "swapon", "swapoff", "reboot", "kexec_load", "kexec_file_load",
          "init_module", "finit_module", "delete_module", "bpf", "perf_event_open", "userfaultfd",
          "keyctl", "add_key", "request_key", "unshare", "setns", "mount_setattr", "move_mount",
          "open_tree", "fsopen", "fsconfig", "fsmount", "fspick", "open_by_handle_at",
          "name_to_handle_at", "acct", "quotactl", "syslog", "settimeofday", "clock_settime",
          "clock_adjtime", "adjtimex", "personality", "lookup_dcookie", "vhangup", "nfsservctl",
          "io_uring_setup", "io_uring_enter", "io_uring_register");

  static final List<String> X86_ONLY = List.of("iopl", "ioperm", "uselib");

  /** The policy, stated plainly. */
  static int model(Architecture arch, SeccompData d) {
    int expectedArch = arch == Architecture.X86_64 ? AUDIT_ARCH_X86_64 : AUDIT_ARCH_AARCH64;
    if (d.arch() != expectedArch) {
      return KILL_PROCESS;
    }
    if (arch == Architecture.X86_64 && (d.nr() & 0x4000_0000) != 0) {
      return EPERM;
    }
    Optional<String> name = nameOf(arch, d.nr());
    if (name.isEmpty()) {
      return ALLOW;
    }
    if (BRIEF_DENY_LIST.contains(name.get())
        || X86_ONLY.contains(name.get())
        || name.get().equals("quotactl_fd")
        || name.get().equals("open_tree_attr")) {
      return EPERM;
    }
    // The kernel reads these arguments as 32-bit values; the high half must not matter.
    int arg0 = (int) d.args()[0];
    int arg1 = (int) d.args()[1];
    return switch (name.get()) {
      case "clone3" -> ENOSYS;
      case "clone" -> Arrays.stream(CLONE_NEW).anyMatch(f -> (arg0 & f) != 0) ? EPERM : ALLOW;
      case "socket" -> arg0 == 1 ? ALLOW : EAFNOSUPPORT;
      case "ioctl" -> arg1 == 0x5412 || arg1 == 0x541C ? EPERM : ALLOW;
      default -> ALLOW;
    };
  }

  static List<String> knownNames() {
    List<String> names = new ArrayList<>(BRIEF_DENY_LIST);
    names.addAll(X86_ONLY);
    names.addAll(List.of("quotactl_fd", "open_tree_attr", "clone", "clone3", "socket", "ioctl"));
    return names;
  }

  static Optional<String> nameOf(Architecture arch, int nr) {
    return knownNames().stream()
        .filter(n -> arch.number(n).filter(x -> x == nr).isPresent())
        .findFirst();
  }

  // ---- properties

  @Property(tries = 3000)
  void programAgreesWithTheModel(@ForAll("cases") Case c) {
    SeccompFilter filter = SeccompFilter.forArchitecture(c.arch());
    assertThat(ClassicBpf.run(filter.program(), c.data()))
        .as("%s on %s", c.data(), c.arch())
        .isEqualTo(model(c.arch(), c.data()));
  }

  @Property
  void everyProgramIsWellFormed(@ForAll Architecture arch) {
    byte[] program = SeccompFilter.forArchitecture(arch).program();
    List<ClassicBpf.Insn> insns = ClassicBpf.check(program);
    assertThat(insns).hasSizeLessThanOrEqualTo(4096);
    assertThat(insns.getLast().code()).isEqualTo(ClassicBpf.RET_K);
    assertThat(program.length).isEqualTo(8 * SeccompFilter.forArchitecture(arch).instructionCount());
  }

  @Property
  void everyNamedSyscallGetsItsVerdict(@ForAll Architecture arch, @ForAll("names") String name) {
    Optional<Integer> nr = arch.number(name);
    if (nr.isEmpty()) {
      assertThat(X86_ONLY).as("only the x86 port lacks syscalls here").contains(name);
      assertThat(arch).isEqualTo(Architecture.AARCH64);
      return;
    }
    SeccompData data = new SeccompData(nr.get(), audit(arch), 0, new long[6]);
    int verdict = ClassicBpf.run(SeccompFilter.forArchitecture(arch).program(), data);
    switch (name) {
      case "clone", "socket", "ioctl" -> {} // depends on arguments; see the model property
      case "clone3" -> assertThat(verdict).isEqualTo(ENOSYS);
      default -> assertThat(verdict).as(name).isEqualTo(EPERM);
    }
  }

  @Property
  void threadsAndUnixSocketsStayAllowed(@ForAll Architecture arch, @ForAll long highBits) {
    byte[] program = SeccompFilter.forArchitecture(arch).program();
    int clone = arch.number("clone").orElseThrow();
    int socket = arch.number("socket").orElseThrow();
    long high = highBits & 0xffff_ffff_0000_0000L;
    assertThat(ClassicBpf.run(program, data(arch, clone, GLIBC_THREAD_FLAGS | high))).isEqualTo(ALLOW);
    assertThat(ClassicBpf.run(program, data(arch, socket, 1 | high))).isEqualTo(ALLOW);
    // AF_INET with AF_UNIX in the high half is still AF_INET to the kernel.
    assertThat(ClassicBpf.run(program, data(arch, socket, 2 | (1L << 32)))).isEqualTo(EAFNOSUPPORT);
  }

  @Example
  void x86ProgramsRefuseX32NumbersOfAllowedAndDeniedSyscalls() {
    byte[] program = SeccompFilter.forArchitecture(Architecture.X86_64).program();
    for (int nr : new int[] {0, 39, 56, 101, 272, 512, 547}) {
      assertThat(ClassicBpf.run(program, data(Architecture.X86_64, nr | 0x4000_0000, 0)))
          .as("x32 %d", nr)
          .isEqualTo(EPERM);
    }
  }

  @Example
  void foreignArchitecturesAreKilled() {
    for (Architecture arch : Architecture.values()) {
      byte[] program = SeccompFilter.forArchitecture(arch).program();
      for (int other : new int[] {AUDIT_ARCH_I386, AUDIT_ARCH_ARM, 0, -1,
          arch == Architecture.X86_64 ? AUDIT_ARCH_AARCH64 : AUDIT_ARCH_X86_64}) {
        SeccompData d = new SeccompData(0, other, 0, new long[6]);
        assertThat(ClassicBpf.run(program, d)).isEqualTo(KILL_PROCESS);
      }
    }
  }

  @Example
  void theCheckerRejectsBrokenPrograms() {
    byte[] program = SeccompFilter.forArchitecture(Architecture.X86_64).program();
    // Without its final return, the last instruction is not a return.
    assertThatThrownBy(() -> ClassicBpf.check(Arrays.copyOf(program, program.length - 8)))
        .isInstanceOf(IllegalArgumentException.class);
    // A jump past the end.
    byte[] broken = program.clone();
    int lastJump = program.length - 8 * 7; // the ioctl block's first JEQ
    assertThat(broken[lastJump]).isEqualTo((byte) ClassicBpf.JEQ_K);
    broken[lastJump + 3] = (byte) 200;
    assertThatThrownBy(() -> ClassicBpf.check(broken)).hasMessageContaining("jump");
  }

  // ---- generators

  record Case(Architecture arch, SeccompData data) {}

  static int audit(Architecture arch) {
    return arch == Architecture.X86_64 ? AUDIT_ARCH_X86_64 : AUDIT_ARCH_AARCH64;
  }

  static SeccompData data(Architecture arch, int nr, long arg0) {
    long[] args = new long[6];
    args[0] = arg0;
    return new SeccompData(nr, audit(arch), 0, args);
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(knownNames());
  }

  @Provide
  Arbitrary<Case> cases() {
    return Arbitraries.of(Architecture.values()).flatMap(this::casesFor);
  }

  private Arbitrary<Case> casesFor(Architecture arch) {
    List<Integer> known =
        knownNames().stream().flatMap(n -> arch.number(n).stream()).distinct().toList();
    Arbitrary<Integer> knownNr = Arbitraries.of(known);
    Arbitrary<Integer> nr =
        Arbitraries.frequencyOf(
            Tuple.of(6, knownNr),
            Tuple.of(2, Arbitraries.integers().between(0, 600)),
            Tuple.of(1, Arbitraries.integers()),
            Tuple.of(1, knownNr.map(n -> n | 0x4000_0000)));
    Arbitrary<Integer> auditArch =
        Arbitraries.frequencyOf(
            Tuple.of(12, Arbitraries.just(audit(arch))),
            Tuple.of(
                1, Arbitraries.of(AUDIT_ARCH_X86_64, AUDIT_ARCH_AARCH64, AUDIT_ARCH_I386, AUDIT_ARCH_ARM)),
            Tuple.of(1, Arbitraries.integers()));
    Arbitrary<long[]> args = arg().array(long[].class).ofSize(6);
    return Combinators.combine(nr, auditArch, Arbitraries.longs(), args)
        .as((n, a, ip, as) -> new Case(arch, new SeccompData(n, a, ip, as)));
  }

  private static Arbitrary<Long> arg() {
    Arbitrary<Long> interesting =
        Arbitraries.of(
            Stream.of(
                    Stream.of(0L, 1L, 2L, 10L, 16L, 0x5412L, 0x541CL, 0x5413L, GLIBC_THREAD_FLAGS, -1L),
                    Arrays.stream(CLONE_NEW).boxed(),
                    Arrays.stream(CLONE_NEW).map(f -> f | GLIBC_THREAD_FLAGS).boxed())
                .flatMap(s -> s)
                .toList());
    Arbitrary<Long> highHalf = Arbitraries.longs().map(l -> l & 0xffff_ffff_0000_0000L);
    return Arbitraries.frequencyOf(
        Tuple.of(4, interesting),
        Tuple.of(2, Combinators.combine(interesting, highHalf).as((l, h) -> l | h)),
        Tuple.of(2, Arbitraries.longs()),
        Tuple.of(1, Arbitraries.integers().map(i -> (long) i)));
  }
}
