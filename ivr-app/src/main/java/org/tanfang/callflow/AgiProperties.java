package org.tanfang.callflow;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The FastAGI server Asterisk connects to. FastAGI has no authentication: bind it to the PBX-facing
 * interface only and list the PBXs that may connect.
 *
 * @param bindAddress local address to listen on (127.0.0.1 suits dev mode and a PBX on the same
 *     host; in production the PBX-facing address, never 0.0.0.0 on a public network)
 * @param port TCP port; 0 picks a free one (tests)
 * @param allowed host names or IP addresses of the PBXs allowed to connect; anything else is closed
 *     at once
 * @param maxCalls most conversations at once
 * @param advertiseHost the host (or address) the PBX reaches this node's FastAGI server at; when
 *     set, every Originate carries {@code TANFANG_NODE_AGI=agi://<advertise-host>:<port>} and the
 *     answered call's AGI() comes back to this node (several nodes on one PBX); blank: the
 *     dialplan's {@code TANFANG_AGI_HOST} serves every call
 */
@ConfigurationProperties("tanfang.telephony.agi")
public record AgiProperties(
    @DefaultValue("127.0.0.1") String bindAddress,
    @DefaultValue("4573") int port,
    @DefaultValue("127.0.0.1") List<String> allowed,
    @DefaultValue("100") int maxCalls,
    @DefaultValue("") String advertiseHost) {}
