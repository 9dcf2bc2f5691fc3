package org.tanfang.dialer;

/**
 * This node's FastAGI server as the PBX should reach it, put on every Originate as {@link
 * ChannelVariables#NODE_AGI} so an answered call's conversation runs on the node that dialled it
 * (several nodes, one PBX). Provided by the call flow's FastAGI server.
 */
public interface NodeAgi {
  /** {@code agi://host:port}, or "" when not advertised (the dialplan's configured host serves). */
  String url();
}
