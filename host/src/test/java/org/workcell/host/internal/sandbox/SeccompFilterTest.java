package org.workcell.host.internal.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.workcell.host.internal.sandbox.SeccompFilter.Architecture;

class SeccompFilterTest {

  private static final Pattern DEFINE =
      Pattern.compile("^#define __NR(?:3264)?_(\\w+)\\s+(\\d+)\\s*$", Pattern.MULTILINE);

  /** Names the filter knows about: the outright denials and the argument-checked ones. */
  private static Set<String> policyNames() {
    Set<String> names = new HashSet<>(SeccompFilter.DENIED);
    names.addAll(List.of("clone", "clone3", "socket", "ioctl"));
    return names;
  }

  @Test
  void knownNumbersWithoutHeaders() {
    // A few numbers that must never be wrong, checked against the kernel's tables by hand.
    assertThat(Architecture.X86_64.number("ptrace")).contains(101);
    assertThat(Architecture.X86_64.number("unshare")).contains(272);
    assertThat(Architecture.X86_64.number("clone")).contains(56);
    assertThat(Architecture.X86_64.number("socket")).contains(41);
    assertThat(Architecture.X86_64.number("ioctl")).contains(16);
    assertThat(Architecture.AARCH64.number("unshare")).contains(97);
    assertThat(Architecture.AARCH64.number("clone")).contains(220);
    assertThat(Architecture.AARCH64.number("socket")).contains(198);
    assertThat(Architecture.AARCH64.number("ioctl")).contains(29);
    assertThat(Architecture.AARCH64.number("iopl")).isEmpty();
  }

  @Test
  void x86NumbersMatchTheInstalledHeader() throws IOException {
    checkAgainstHeader(Architecture.X86_64, Path.of("/usr/include/x86_64-linux-gnu/asm/unistd_64.h"));
  }

  @Test
  void aarch64NumbersMatchTheGenericHeader() throws IOException {
    // aarch64 uses the generic table; its 64-bit names are __NR3264_* aliases in that header.
    checkAgainstHeader(Architecture.AARCH64, Path.of("/usr/include/asm-generic/unistd.h"));
  }

  private static void checkAgainstHeader(Architecture arch, Path header) throws IOException {
    assumeTrue(Files.isReadable(header), header + " is not installed");
    Map<String, Integer> defined = new HashMap<>();
    Matcher m = DEFINE.matcher(Files.readString(header));
    while (m.find()) {
      defined.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    List<String> checked = new ArrayList<>();
    for (String name : policyNames()) {
      Integer inHeader = defined.get(name);
      if (inHeader != null) {
        assertThat(arch.number(name)).as("%s on %s", name, arch).contains(inHeader);
        checked.add(name);
      } else {
        // Older headers lack the newest syscalls; anything else missing must be missing here too.
        if (!Set.of("open_tree_attr", "quotactl_fd", "mount_setattr").contains(name)) {
          assertThat(arch.number(name)).as("%s is not in %s", name, header).isEmpty();
        }
      }
    }
    assertThat(checked).hasSizeGreaterThan(45);
  }

  @Test
  void deniedSyscallsListTheOutrightDenials() {
    SeccompFilter x86 = SeccompFilter.forArchitecture(Architecture.X86_64);
    SeccompFilter arm = SeccompFilter.forArchitecture(Architecture.AARCH64);
    assertThat(x86.deniedSyscalls())
        .contains("ptrace", "unshare", "setns", "mount", "bpf", "io_uring_setup", "iopl", "uselib")
        .doesNotContain("clone", "clone3", "socket", "ioctl")
        .doesNotHaveDuplicates();
    assertThat(arm.deniedSyscalls())
        .contains("ptrace", "unshare", "nfsservctl")
        .doesNotContain("iopl", "ioperm", "uselib");
    assertThat(x86.denied()).extracting(SeccompFilter.DeniedSyscall::number).doesNotHaveDuplicates();
    assertThat(x86.restrictedSyscalls()).containsKeys("clone", "clone3", "socket", "ioctl");
  }

  @Test
  void currentArchitectureFromOsArch() {
    assertThat(Architecture.fromOsArch("amd64")).contains(Architecture.X86_64);
    assertThat(Architecture.fromOsArch("x86_64")).contains(Architecture.X86_64);
    assertThat(Architecture.fromOsArch("aarch64")).contains(Architecture.AARCH64);
    assertThat(Architecture.fromOsArch("riscv64")).isEmpty();
    String osArch = System.getProperty("os.arch");
    assumeTrue(Architecture.fromOsArch(osArch).isPresent());
    assertThat(SeccompFilter.forCurrentArchitecture().architecture())
        .isEqualTo(Architecture.fromOsArch(osArch).orElseThrow());
  }

  @Test
  void unsupportedArchitectureIsNamed() {
    String saved = System.getProperty("os.arch");
    System.setProperty("os.arch", "riscv64");
    try {
      assertThatThrownBy(SeccompFilter::forCurrentArchitecture)
          .isInstanceOf(UnsupportedOperationException.class)
          .hasMessageContaining("riscv64");
    } finally {
      System.setProperty("os.arch", saved);
    }
  }

  @Test
  void writeToLeavesAnOwnerOnlyFileWithTheProgram(@TempDir Path dir) throws IOException {
    SeccompFilter filter = SeccompFilter.forArchitecture(Architecture.X86_64);
    Path file = filter.writeTo(dir.resolve("sandbox"));
    assertThat(Files.readAllBytes(file)).isEqualTo(filter.program());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    // Writing again replaces the file and leaves no temporary files behind.
    assertThat(filter.writeTo(dir.resolve("sandbox"))).isEqualTo(file);
    try (var files = Files.list(dir.resolve("sandbox"))) {
      assertThat(files.toList()).containsExactly(file);
    }
  }

  @Test
  void programIsACopy() {
    SeccompFilter filter = SeccompFilter.forArchitecture(Architecture.AARCH64);
    byte[] program = filter.program();
    program[0] ^= 1;
    assertThat(filter.program()).isNotEqualTo(program);
  }
}
