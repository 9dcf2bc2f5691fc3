package org.tanfang.asterisksim;

import java.util.Map;

/**
 * Settings of one sim instance.
 *
 * @param bindAddress where the AMI server listens
 * @param amiPort AMI port; 0 picks an ephemeral port (see {@link AsteriskSim#amiPort()})
 * @param users AMI users and their secrets (manager.conf)
 * @param agiHost FastAGI server the dialplan's AGI() would reach
 * @param agiPort its port (FastAGI's default is 4573)
 * @param agiScript the script name for Context/Exten originates, as in AGI(agi://host:port/script)
 * @param language the channel language before any CHANNEL(language) variable
 * @param contextScripts the script a Context/Exten originate runs per context, as the dialplan of
 *     that context would call AGI(agi://host:port/script); contexts not listed run {@code
 *     agiScript}
 */
public record SimConfig(
    String bindAddress,
    int amiPort,
    Map<String, String> users,
    String agiHost,
    int agiPort,
    String agiScript,
    String language,
    Map<String, String> contextScripts) {

  /** The AMI_VERSION of Asterisk 22 (include/asterisk/manager.h on the 22 branch). */
  public static final String AMI_VERSION = "11.0.0";

  /** The Asterisk release whose behaviour the sim follows (and reports in CoreSettings). */
  public static final String ASTERISK_VERSION = "22.10.1";

  public SimConfig {
    users = Map.copyOf(users);
    contextScripts = Map.copyOf(contextScripts);
  }

  /** Every context runs {@code agiScript}. */
  public SimConfig(
      String bindAddress,
      int amiPort,
      Map<String, String> users,
      String agiHost,
      int agiPort,
      String agiScript,
      String language) {
    this(bindAddress, amiPort, users, agiHost, agiPort, agiScript, language, Map.of());
  }

  /** The URL Asterisk would pass to AGI() for a Context/Exten originate. */
  public String agiUrl() {
    return "agi://" + agiHost + ":" + agiPort + "/" + agiScript;
  }

  /** The URL the dialplan of {@code context} passes to AGI(). */
  public String agiUrl(String context) {
    return agiUrl(context, null);
  }

  /**
   * The channel variable naming the FastAGI server of the node that dialled the call ({@code
   * agi://host:port}): Tanfang's dialplan ([tanfang-agi] in dialplans/extensions.conf) sends the
   * call's AGI() there, and to the configured host when it is empty.
   */
  public static final String NODE_AGI_VARIABLE = "TANFANG_NODE_AGI";

  /**
   * {@code agi://host:port} of the dialplan's AGI(): {@code nodeAgi} when set, else the configured.
   */
  public String agiBase(String nodeAgi) {
    if (nodeAgi != null && !nodeAgi.isBlank()) {
      return nodeAgi.endsWith("/") ? nodeAgi.substring(0, nodeAgi.length() - 1) : nodeAgi;
    }
    return "agi://" + agiHost + ":" + agiPort;
  }

  /**
   * The URL the dialplan of {@code context} passes to AGI() on a channel whose node is {@code
   * nodeAgi}.
   */
  public String agiUrl(String context, String nodeAgi) {
    return agiBase(nodeAgi) + "/" + contextScripts.getOrDefault(context, agiScript);
  }
}
