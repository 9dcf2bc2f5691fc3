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
    return "agi://"
        + agiHost
        + ":"
        + agiPort
        + "/"
        + contextScripts.getOrDefault(context, agiScript);
  }
}
