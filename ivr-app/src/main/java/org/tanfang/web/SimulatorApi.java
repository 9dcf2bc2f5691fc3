package org.tanfang.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.tanfang.dialer.SimulatedCallsIn;
import org.tanfang.shared.FieldProblem;
import org.tanfang.shared.InvalidInputException;

/** Dev mode only: the simulated PBX places a call into the line (README "The inbound line"). */
@RestController
class SimulatorApi {
  private static final Pattern NUMBER = Pattern.compile("\\+?[0-9]{3,20}");
  private static final Pattern KEYS = Pattern.compile("[0-9*#]{1,18}");
  private static final int MAX_KEYS = 40;

  private final ObjectProvider<SimulatedCallsIn> calls;

  SimulatorApi(ObjectProvider<SimulatedCallsIn> calls) {
    this.calls = calls;
  }

  record CallIn(String from, List<String> keys) {}

  @PostMapping("/api/simulator/call-in")
  ResponseEntity<Map<String, String>> callIn(@RequestBody CallIn body) {
    SimulatedCallsIn sim = calls.getIfAvailable();
    if (sim == null) {
      return ResponseEntity.notFound().build(); // no simulator: production has no such thing
    }
    List<String> keys = body.keys() == null ? List.of() : body.keys();
    check(body.from(), keys);
    String channel = sim.callIn(body.from(), keys);
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(Map.of("channel", channel, "from", body.from(), "line", sim.line()));
  }

  private static void check(String from, List<String> keys) {
    List<FieldProblem> problems = new ArrayList<>();
    if (from == null || !NUMBER.matcher(from).matches()) {
      problems.add(FieldProblem.of("from", "simulator.callIn.from"));
    }
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i) == null || !KEYS.matcher(keys.get(i)).matches()) {
        problems.add(FieldProblem.of("keys[" + i + "]", "simulator.callIn.keys"));
      }
    }
    if (keys.size() > MAX_KEYS) {
      problems.add(FieldProblem.of("keys", "simulator.callIn.tooManyKeys", MAX_KEYS));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException("call-in", problems);
    }
  }
}
