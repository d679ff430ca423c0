package org.workcell.host.internal.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * A classic-BPF seccomp program for a phone's sandbox, in the raw form that bubblewrap's
 * {@code --seccomp FD} reads: an array of {@code struct sock_filter} (u16 code, u8 jt, u8 jf, u32 k,
 * little-endian, 8 bytes each).
 *
 * <p>Why: a phone is a JVM running untrusted apps, and an app may load native code. The mount, user
 * and network namespaces of bubblewrap already contain it; this filter is defence in depth. It takes
 * away the kernel interfaces that a contained process has no use for and that are the usual ways out
 * of a container or into a kernel bug: new namespaces, mounts, ptrace, modules, BPF, perf,
 * userfaultfd, io_uring, keyrings, and sockets other than {@code AF_UNIX} (a phone has no network).
 * Everything else is allowed, because the JVM uses a large and version-dependent set of syscalls and
 * an allow list would break it on the next JDK or glibc.
 *
 * <p>The program:
 *
 * <ol>
 *   <li>kills the process if {@code seccomp_data.arch} is not the architecture the filter was built
 *       for (otherwise i386 syscalls via {@code int 0x80} would be looked up under the wrong numbers);
 *   <li>on x86_64, refuses numbers with the x32 bit set, which the kernel would otherwise run as the
 *       same syscalls under numbers the list does not contain;
 *   <li>returns {@code EPERM} for each denied syscall, one compare-and-return pair per syscall so
 *       that no jump offset can overflow its 8 bits however long the list grows;
 *   <li>checks the arguments of {@code clone} (no {@code CLONE_NEW*} flags), {@code socket} (only
 *       {@code AF_UNIX}) and {@code ioctl} (no {@code TIOCSTI}/{@code TIOCLINUX}, which would let the
 *       phone type into a terminal outside the sandbox), and returns {@code ENOSYS} for {@code
 *       clone3}, whose flags live in memory that seccomp cannot read, so that glibc falls back to
 *       {@code clone};
 *   <li>allows everything else.
 * </ol>
 *
 * <p>Arguments are compared on their low 32 bits, which is what the kernel itself uses for these
 * ({@code int domain}, {@code unsigned int cmd}; the namespace flags are all below bit 32), so
 * setting high bits cannot slip past a check.
 */
public final class SeccompFilter {

  /** {@code BPF_MAXINSNS}: the kernel refuses longer programs. */
  public static final int MAX_INSTRUCTIONS = 4096;

  /** Size of one {@code struct sock_filter}. */
  public static final int INSTRUCTION_BYTES = 8;

  // Classic BPF opcodes, only the ones this generator emits.
  static final int BPF_LD_W_ABS = 0x20; // BPF_LD | BPF_W | BPF_ABS
  static final int BPF_JMP_JEQ_K = 0x15; // BPF_JMP | BPF_JEQ | BPF_K
  static final int BPF_JMP_JSET_K = 0x45; // BPF_JMP | BPF_JSET | BPF_K
  static final int BPF_RET_K = 0x06; // BPF_RET | BPF_K

  // struct seccomp_data { int nr; __u32 arch; __u64 instruction_pointer; __u64 args[6]; }
  static final int OFFSET_NR = 0;
  static final int OFFSET_ARCH = 4;
  static final int OFFSET_ARGS = 16;
  static final int SECCOMP_DATA_BYTES = 64;

  static final int RET_KILL_PROCESS = 0x8000_0000;
  static final int RET_ERRNO = 0x0005_0000;
  static final int RET_ALLOW = 0x7fff_0000;

  static final int EPERM = 1;
  static final int ENOSYS = 38;
  static final int EAFNOSUPPORT = 97;

  static final int X32_SYSCALL_BIT = 0x4000_0000;

  static final int AF_UNIX = 1;
  static final int TIOCSTI = 0x5412;
  static final int TIOCLINUX = 0x541C;

  /** Every {@code CLONE_NEW*} flag: NEWTIME, NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET. */
  static final int CLONE_NEW_ANY =
      0x0000_0080 | 0x0002_0000 | 0x0200_0000 | 0x0400_0000 | 0x0800_0000 | 0x1000_0000
          | 0x2000_0000 | 0x4000_0000;

  /** Syscalls denied outright, in program order; missing numbers mean "not on this architecture". */
  static final List<String> DENIED =
      List.of(
          // Reading or changing other processes.
          "ptrace", "process_vm_readv", "process_vm_writev", "kcmp",
          // Namespaces and mounts: the sandbox's own walls.
          "unshare", "setns", "mount", "umount2", "pivot_root", "chroot",
          "mount_setattr", "move_mount", "open_tree", "open_tree_attr",
          "fsopen", "fsconfig", "fsmount", "fspick",
          // File handles bypass path lookup, and with it the bind mounts.
          "open_by_handle_at", "name_to_handle_at",
          // Whole-machine state.
          "swapon", "swapoff", "reboot", "kexec_load", "kexec_file_load",
          "init_module", "finit_module", "delete_module", "acct", "quotactl", "quotactl_fd",
          "syslog", "settimeofday", "clock_settime", "clock_adjtime", "adjtimex",
          "vhangup", "lookup_dcookie", "nfsservctl", "uselib", "iopl", "ioperm", "personality",
          // Large kernel attack surface that a JVM does not use.
          "bpf", "perf_event_open", "userfaultfd", "keyctl", "add_key", "request_key",
          "io_uring_setup", "io_uring_enter", "io_uring_register");

  /** The architectures a filter can be built for, with their syscall numbers. */
  public enum Architecture {
    /** x86_64, numbers from arch/x86/entry/syscalls/syscall_64.tbl. */
    X86_64(
        0xC000_003E,
        Map.ofEntries(
            Map.entry("ioctl", 16),
            Map.entry("socket", 41),
            Map.entry("clone", 56),
            Map.entry("ptrace", 101),
            Map.entry("syslog", 103),
            Map.entry("uselib", 134),
            Map.entry("personality", 135),
            Map.entry("vhangup", 153),
            Map.entry("pivot_root", 155),
            Map.entry("adjtimex", 159),
            Map.entry("chroot", 161),
            Map.entry("acct", 163),
            Map.entry("settimeofday", 164),
            Map.entry("mount", 165),
            Map.entry("umount2", 166),
            Map.entry("swapon", 167),
            Map.entry("swapoff", 168),
            Map.entry("reboot", 169),
            Map.entry("iopl", 172),
            Map.entry("ioperm", 173),
            Map.entry("init_module", 175),
            Map.entry("delete_module", 176),
            Map.entry("quotactl", 179),
            Map.entry("nfsservctl", 180),
            Map.entry("lookup_dcookie", 212),
            Map.entry("clock_settime", 227),
            Map.entry("kexec_load", 246),
            Map.entry("add_key", 248),
            Map.entry("request_key", 249),
            Map.entry("keyctl", 250),
            Map.entry("unshare", 272),
            Map.entry("perf_event_open", 298),
            Map.entry("name_to_handle_at", 303),
            Map.entry("open_by_handle_at", 304),
            Map.entry("clock_adjtime", 305),
            Map.entry("setns", 308),
            Map.entry("process_vm_readv", 310),
            Map.entry("process_vm_writev", 311),
            Map.entry("kcmp", 312),
            Map.entry("finit_module", 313),
            Map.entry("kexec_file_load", 320),
            Map.entry("bpf", 321),
            Map.entry("userfaultfd", 323),
            Map.entry("io_uring_setup", 425),
            Map.entry("io_uring_enter", 426),
            Map.entry("io_uring_register", 427),
            Map.entry("open_tree", 428),
            Map.entry("move_mount", 429),
            Map.entry("fsopen", 430),
            Map.entry("fsconfig", 431),
            Map.entry("fsmount", 432),
            Map.entry("fspick", 433),
            Map.entry("clone3", 435),
            Map.entry("mount_setattr", 442),
            Map.entry("quotactl_fd", 443),
            Map.entry("open_tree_attr", 467))),

    /**
     * aarch64, numbers from the generic table (include/uapi/asm-generic/unistd.h). It has no iopl,
     * ioperm or uselib; nfsservctl is still numbered there (and unimplemented).
     */
    AARCH64(
        0xC000_00B7,
        Map.ofEntries(
            Map.entry("lookup_dcookie", 18),
            Map.entry("ioctl", 29),
            Map.entry("umount2", 39),
            Map.entry("mount", 40),
            Map.entry("pivot_root", 41),
            Map.entry("nfsservctl", 42),
            Map.entry("chroot", 51),
            Map.entry("vhangup", 58),
            Map.entry("quotactl", 60),
            Map.entry("acct", 89),
            Map.entry("personality", 92),
            Map.entry("unshare", 97),
            Map.entry("kexec_load", 104),
            Map.entry("init_module", 105),
            Map.entry("delete_module", 106),
            Map.entry("clock_settime", 112),
            Map.entry("syslog", 116),
            Map.entry("ptrace", 117),
            Map.entry("reboot", 142),
            Map.entry("settimeofday", 170),
            Map.entry("adjtimex", 171),
            Map.entry("socket", 198),
            Map.entry("add_key", 217),
            Map.entry("request_key", 218),
            Map.entry("keyctl", 219),
            Map.entry("clone", 220),
            Map.entry("swapon", 224),
            Map.entry("swapoff", 225),
            Map.entry("perf_event_open", 241),
            Map.entry("name_to_handle_at", 264),
            Map.entry("open_by_handle_at", 265),
            Map.entry("clock_adjtime", 266),
            Map.entry("setns", 268),
            Map.entry("process_vm_readv", 270),
            Map.entry("process_vm_writev", 271),
            Map.entry("kcmp", 272),
            Map.entry("finit_module", 273),
            Map.entry("bpf", 280),
            Map.entry("userfaultfd", 282),
            Map.entry("kexec_file_load", 294),
            Map.entry("io_uring_setup", 425),
            Map.entry("io_uring_enter", 426),
            Map.entry("io_uring_register", 427),
            Map.entry("open_tree", 428),
            Map.entry("move_mount", 429),
            Map.entry("fsopen", 430),
            Map.entry("fsconfig", 431),
            Map.entry("fsmount", 432),
            Map.entry("fspick", 433),
            Map.entry("clone3", 435),
            Map.entry("mount_setattr", 442),
            Map.entry("quotactl_fd", 443),
            Map.entry("open_tree_attr", 467)));

    private final int auditArch;
    private final Map<String, Integer> numbers;

    Architecture(int auditArch, Map<String, Integer> numbers) {
      this.auditArch = auditArch;
      this.numbers = numbers;
    }

    /** The {@code AUDIT_ARCH_*} value the kernel puts in {@code seccomp_data.arch}. */
    public int auditArch() {
      return auditArch;
    }

    /** The syscall's number on this architecture, empty if it has none. */
    public Optional<Integer> number(String syscall) {
      return Optional.ofNullable(numbers.get(syscall));
    }

    /** Maps a Java {@code os.arch} value; empty for architectures without a filter. */
    public static Optional<Architecture> fromOsArch(String osArch) {
      return switch (osArch.toLowerCase(Locale.ROOT)) {
        case "amd64", "x86_64" -> Optional.of(X86_64);
        case "aarch64", "arm64" -> Optional.of(AARCH64);
        default -> Optional.empty();
      };
    }
  }

  /** One syscall the filter denies outright, with its number on the filter's architecture. */
  public record DeniedSyscall(String name, int number) {}

  private final Architecture architecture;
  private final List<DeniedSyscall> denied;
  private final byte[] program;

  private SeccompFilter(Architecture architecture) {
    this.architecture = architecture;
    List<DeniedSyscall> list = new ArrayList<>();
    for (String name : DENIED) {
      architecture.number(name).ifPresent(nr -> list.add(new DeniedSyscall(name, nr)));
    }
    this.denied = List.copyOf(list);
    this.program = compile();
  }

  /** The filter for the architecture this JVM runs on. */
  public static SeccompFilter forCurrentArchitecture() {
    String osArch = System.getProperty("os.arch", "");
    return Architecture.fromOsArch(osArch)
        .map(SeccompFilter::forArchitecture)
        .orElseThrow(
            () ->
                new UnsupportedOperationException(
                    "no seccomp filter for architecture " + osArch + " (only x86_64 and aarch64)"));
  }

  /** The filter for a given architecture (for another machine, or for tests). */
  public static SeccompFilter forArchitecture(Architecture architecture) {
    return new SeccompFilter(architecture);
  }

  public Architecture architecture() {
    return architecture;
  }

  /** The program as bubblewrap reads it; a fresh copy. */
  public byte[] program() {
    return program.clone();
  }

  public int instructionCount() {
    return program.length / INSTRUCTION_BYTES;
  }

  /** Names of the syscalls that always fail with {@code EPERM}, for the host's status. */
  public List<String> deniedSyscalls() {
    return denied.stream().map(DeniedSyscall::name).toList();
  }

  /** The syscalls that always fail with {@code EPERM}, with their numbers. */
  public List<DeniedSyscall> denied() {
    return denied;
  }

  /** The syscalls that are denied only for some arguments, each with a short description. */
  public SequencedMap<String, String> restrictedSyscalls() {
    SequencedMap<String, String> restricted = new LinkedHashMap<>();
    restricted.put("clone", "EPERM with any CLONE_NEW* flag");
    restricted.put("clone3", "ENOSYS (flags are unreadable; glibc falls back to clone)");
    restricted.put("socket", "EAFNOSUPPORT for every family but AF_UNIX");
    restricted.put("ioctl", "EPERM for TIOCSTI and TIOCLINUX");
    if (architecture == Architecture.X86_64) {
      restricted.put("x32 syscalls", "EPERM for every number with the x32 bit");
    }
    return restricted;
  }

  /**
   * Writes the program to {@code seccomp-<arch>.bpf} in {@code dir}, readable only by its owner, and
   * returns the file. An existing file of that name is replaced.
   */
  public Path writeTo(Path dir) {
    try {
      Files.createDirectories(dir);
      Path file = dir.resolve("seccomp-" + architecture.name().toLowerCase(Locale.ROOT) + ".bpf");
      // A fresh 0600 file renamed into place: nobody sees a half-written or briefly readable
      // program, and a sandbox that already opened the old file keeps reading the old one.
      Path tmp =
          Files.createTempFile(
              dir,
              ".seccomp-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try {
        Files.write(tmp, program);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(tmp);
        throw e;
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the seccomp program to " + dir, e);
    }
  }

  private byte[] compile() {
    Assembler a = new Assembler();
    a.load(OFFSET_ARCH);
    a.jeq(architecture.auditArch(), 1, 0);
    a.ret(RET_KILL_PROCESS);

    a.load(OFFSET_NR);
    if (architecture == Architecture.X86_64) {
      a.jset(X32_SYSCALL_BIT, 0, 1);
      a.ret(RET_ERRNO | EPERM);
    }
    for (DeniedSyscall syscall : denied) {
      a.jeq(syscall.number(), 0, 1);
      a.ret(RET_ERRNO | EPERM);
    }

    a.jeq(number("clone3"), 0, 1);
    a.ret(RET_ERRNO | ENOSYS);

    // Each argument check loads over the syscall number, so it ends in returns on every path.
    a.jeq(number("clone"), 0, 4);
    a.load(argLow(0)); // unsigned long flags
    a.jset(CLONE_NEW_ANY, 0, 1);
    a.ret(RET_ERRNO | EPERM);
    a.ret(RET_ALLOW);

    a.jeq(number("socket"), 0, 4);
    a.load(argLow(0)); // int domain
    a.jeq(AF_UNIX, 0, 1);
    a.ret(RET_ALLOW);
    a.ret(RET_ERRNO | EAFNOSUPPORT);

    a.jeq(number("ioctl"), 0, 5);
    a.load(argLow(1)); // unsigned int cmd
    a.jeq(TIOCSTI, 1, 0);
    a.jeq(TIOCLINUX, 0, 1);
    a.ret(RET_ERRNO | EPERM);
    a.ret(RET_ALLOW);

    a.ret(RET_ALLOW);
    return a.bytes();
  }

  private int number(String syscall) {
    return architecture
        .number(syscall)
        .orElseThrow(() -> new IllegalStateException(syscall + " has no number on " + architecture));
  }

  /** Offset of the low half of argument {@code i}: both supported architectures are little-endian. */
  static int argLow(int i) {
    return OFFSET_ARGS + 8 * i;
  }

  /** Appends {@code struct sock_filter}s. */
  private static final class Assembler {
    private final ByteBuffer buffer =
        ByteBuffer.allocate(MAX_INSTRUCTIONS * INSTRUCTION_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    void load(int offset) {
      emit(BPF_LD_W_ABS, 0, 0, offset);
    }

    void jeq(int k, int jt, int jf) {
      emit(BPF_JMP_JEQ_K, jt, jf, k);
    }

    void jset(int k, int jt, int jf) {
      emit(BPF_JMP_JSET_K, jt, jf, k);
    }

    void ret(int k) {
      emit(BPF_RET_K, 0, 0, k);
    }

    private void emit(int code, int jt, int jf, int k) {
      if (!buffer.hasRemaining()) {
        throw new IllegalStateException("seccomp program longer than " + MAX_INSTRUCTIONS);
      }
      buffer.putShort((short) code).put((byte) jt).put((byte) jf).putInt(k);
    }

    byte[] bytes() {
      byte[] out = new byte[buffer.position()];
      buffer.get(0, out);
      return out;
    }
  }
}
