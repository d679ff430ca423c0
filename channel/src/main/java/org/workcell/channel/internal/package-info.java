/** Wire encoding and decoding behind {@link org.workcell.channel.ChannelReader} and {@link org.workcell.channel.ChannelWriter}; not API. */
package org.workcell.channel.internal;
