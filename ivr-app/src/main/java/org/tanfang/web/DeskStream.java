package org.tanfang.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.tanfang.callflow.CallflowProperties;
import org.tanfang.escalation.EscalationQueries;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.registry.ElderService;
import org.tanfang.security.AuditLog;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;
import org.tanfang.security.Disclosure;
import org.tanfang.speech.SpeechProperties;

/**
 * The desk's two streams: the live event stream (server-sent events, for the page's session or HTTP
 * Basic on the API path) and the recorded replies of a case's call (WAV).
 */
@Controller
class DeskStream {
  private final DeskEvents events;
  private final EscalationQueries queries;
  private final SpeechProperties speech;
  private final CallflowProperties callflow;
  private final AuditLog audit;
  private final ElderService elders;
  private final Callers callers;

  DeskStream(
      DeskEvents events,
      EscalationQueries queries,
      SpeechProperties speech,
      CallflowProperties callflow,
      AuditLog audit,
      ElderService elders,
      Callers callers) {
    this.elders = elders;
    this.callers = callers;
    this.events = events;
    this.queries = queries;
    this.speech = speech;
    this.callflow = callflow;
    this.audit = audit;
  }

  @GetMapping(
      path = {"/desk/events", "/api/escalations/events"},
      produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  @ResponseBody
  SseEmitter events(Authentication auth) {
    return events.subscribe(callers.of(auth).scope());
  }

  /**
   * One recorded reply of the call that raised the case. Only files inside the recordings folder
   * are served; anything else (a path outside it, a deleted file) is 404.
   */
  @GetMapping({
    "/desk/{id}/answers/{answerId}/recording",
    "/api/escalations/{id}/answers/{answerId}/recording"
  })
  ResponseEntity<Resource> recording(
      @PathVariable long id, @PathVariable long answerId, Authentication auth) {
    Caller caller = callers.of(auth);
    Disclosure d;
    Long elderId = queries.detail(id).escalation().elderId();
    if (elderId == null) {
      return ResponseEntity.notFound().build(); // an unidentified caller's case: no call recorded
    }
    try {
      d = elders.disclose(elders.get(elderId), caller);
    } catch (ElderNotFoundException outOfScope) {
      return ResponseEntity.notFound().build();
    }
    if (d.masked()) {
      // the elder's voice is personal data: for the claimer of the case and supervisors only
      return ResponseEntity.status(HttpStatus.FORBIDDEN).build();
    }
    Optional<Path> file = queries.recordingPath(id, answerId).flatMap(this::insideRecordings);
    if (file.isEmpty()) {
      return ResponseEntity.notFound().build();
    }
    audit.record(
        caller.username(), "LISTEN", "visit_answer", answerId, "escalation " + id, d.purpose());
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("audio/wav"))
        .body(new FileSystemResource(file.get()));
  }

  /**
   * The stored path (as Asterisk wrote it, under the call flow's recording-dir) as this application
   * sees it (under the speech recordings-dir), if it is a file inside that folder.
   */
  Optional<Path> insideRecordings(String stored) {
    try {
      Path root = speech.recordingsDir().toAbsolutePath().normalize();
      Path asterisk = Path.of(callflow.recordingDir()).toAbsolutePath().normalize();
      Path path = Path.of(stored).toAbsolutePath().normalize();
      if (!path.startsWith(root) && path.startsWith(asterisk)) {
        path = root.resolve(asterisk.relativize(path)).normalize();
      }
      if (!path.startsWith(root) || !Files.isRegularFile(path) || !Files.isDirectory(root)) {
        return Optional.empty();
      }
      Path real = path.toRealPath();
      return real.startsWith(root.toRealPath()) ? Optional.of(real) : Optional.empty();
    } catch (IOException | UncheckedIOException | java.nio.file.InvalidPathException e) {
      return Optional.empty();
    }
  }
}
