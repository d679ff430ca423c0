package org.workcell.host.internal.sandbox;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A classic-BPF checker and interpreter for seccomp programs, written independently of the
 * generator's assembler so that the tests do not trust its encoding. It knows only the opcodes a
 * seccomp filter of ours may contain and rejects everything else, as the kernel's checker would
 * reject anything it does not understand.
 */
final class ClassicBpf {

  static final int LD_W_ABS = 0x20;
  static final int JEQ_K = 0x15;
  static final int JGE_K = 0x35;
  static final int JSET_K = 0x45;
  static final int AND_K = 0x54;
  static final int RET_K = 0x06;

  static final int MAX_INSNS = 4096;
  static final int SECCOMP_DATA_SIZE = 64;

  record Insn(int code, int jt, int jf, int k) {}

  /** The kernel's {@code struct seccomp_data}; {@code args} has six entries. */
  record SeccompData(int nr, int arch, long instructionPointer, long[] args) {
    SeccompData {
      if (args.length != 6) {
        throw new IllegalArgumentException("seccomp_data has 6 args, not " + args.length);
      }
      args = args.clone();
    }

    byte[] bytes() {
      ByteBuffer b = ByteBuffer.allocate(SECCOMP_DATA_SIZE).order(ByteOrder.LITTLE_ENDIAN);
      b.putInt(nr).putInt(arch).putLong(instructionPointer);
      for (long arg : args) {
        b.putLong(arg);
      }
      return b.array();
    }

    @Override
    public String toString() {
      return "SeccompData[nr=%d, arch=0x%08x, args=%s]"
          .formatted(nr, arch, java.util.Arrays.toString(args));
    }
  }

  private ClassicBpf() {}

  static List<Insn> decode(byte[] program) {
    if (program.length % 8 != 0) {
      throw new IllegalArgumentException("length " + program.length + " is not a multiple of 8");
    }
    ByteBuffer b = ByteBuffer.wrap(program).order(ByteOrder.LITTLE_ENDIAN);
    List<Insn> insns = new ArrayList<>();
    while (b.hasRemaining()) {
      int code = Short.toUnsignedInt(b.getShort());
      int jt = Byte.toUnsignedInt(b.get());
      int jf = Byte.toUnsignedInt(b.get());
      int k = b.getInt();
      insns.add(new Insn(code, jt, jf, k));
    }
    return insns;
  }

  /**
   * Throws unless the program is one the kernel would load: 1 to 4096 instructions, known opcodes,
   * aligned loads inside {@code seccomp_data}, forward jumps that land inside the program, and a
   * return as the last instruction (so every path ends in a return).
   */
  static List<Insn> check(byte[] program) {
    List<Insn> insns = decode(program);
    int n = insns.size();
    if (n == 0 || n > MAX_INSNS) {
      throw new IllegalArgumentException("program has " + n + " instructions");
    }
    for (int pc = 0; pc < n; pc++) {
      Insn i = insns.get(pc);
      switch (i.code()) {
        case LD_W_ABS -> {
          if (i.k() < 0 || i.k() >= SECCOMP_DATA_SIZE || (i.k() & 3) != 0) {
            throw new IllegalArgumentException("pc " + pc + ": bad load offset " + i.k());
          }
        }
        case JEQ_K, JGE_K, JSET_K -> {
          if (pc + 1 + i.jt() >= n || pc + 1 + i.jf() >= n) {
            throw new IllegalArgumentException("pc " + pc + ": jump out of the program");
          }
        }
        case AND_K, RET_K -> {}
        default ->
            throw new IllegalArgumentException(
                "pc " + pc + ": opcode 0x" + Integer.toHexString(i.code()));
      }
    }
    if (insns.get(n - 1).code() != RET_K) {
      throw new IllegalArgumentException("last instruction is not a return");
    }
    return insns;
  }

  /** Runs a checked program and returns its verdict (the {@code SECCOMP_RET_*} value). */
  static int run(byte[] program, SeccompData data) {
    List<Insn> insns = check(program);
    ByteBuffer d = ByteBuffer.wrap(data.bytes()).order(ByteOrder.LITTLE_ENDIAN);
    int a = 0;
    int pc = 0;
    while (true) {
      Insn i = insns.get(pc);
      switch (i.code()) {
        case LD_W_ABS -> {
          a = d.getInt(i.k());
          pc++;
        }
        case AND_K -> {
          a &= i.k();
          pc++;
        }
        case JEQ_K -> pc += 1 + (a == i.k() ? i.jt() : i.jf());
        case JGE_K -> pc += 1 + (Integer.compareUnsigned(a, i.k()) >= 0 ? i.jt() : i.jf());
        case JSET_K -> pc += 1 + ((a & i.k()) != 0 ? i.jt() : i.jf());
        case RET_K -> {
          return i.k();
        }
        default -> throw new IllegalStateException("checked program has opcode " + i.code());
      }
    }
  }
}
