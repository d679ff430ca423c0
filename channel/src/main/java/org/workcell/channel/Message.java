package org.workcell.channel;

/**
 * One message on the channel. Phone to host: {@link Hello}, {@link FrameUpdate},
 * {@link GatewayRequest}, {@link LifecycleState}, {@link Clipboard}, and {@link Resize} as the
 * phone's confirmation. Host to phone: {@link Welcome}, {@link Touch}, {@link Key}, {@link Text},
 * {@link Resize}, {@link Lifecycle}, {@link Policy}, {@link Status}, {@link FrameAck},
 * {@link GatewayResponse}, {@link Unlock}, {@link Lock}, {@link Disabled}.
 *
 * <p>Records check what holds regardless of limits (non-null, non-negative, enum present) and throw
 * {@link IllegalArgumentException}; limits and the display size are checked by reader and writer.
 */
public sealed interface Message
        permits Hello, FrameUpdate, GatewayRequest, LifecycleState, Clipboard,
                Welcome, Touch, Key, Text, Resize, Lifecycle, Policy, Status, FrameAck, GatewayResponse,
                Unlock, Lock, Disabled {
}
