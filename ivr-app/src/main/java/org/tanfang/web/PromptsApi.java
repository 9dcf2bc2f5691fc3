package org.tanfang.web;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.tanfang.prompts.PromptCatalogue;
import org.tanfang.prompts.PromptRecordings;
import org.tanfang.prompts.PromptRecordings.Source;
import org.tanfang.prompts.PromptRecordings.Version;
import org.tanfang.security.Callers;

/** The prompts page for scripts: list, upload a version, approve, withdraw (README). */
@RestController
class PromptsApi {
  private final PromptCatalogue catalogue;
  private final PromptRecordings recordings;
  private final Callers callers;

  PromptsApi(PromptCatalogue catalogue, PromptRecordings recordings, Callers callers) {
    this.catalogue = catalogue;
    this.recordings = recordings;
    this.callers = callers;
  }

  /**
   * One prompt: scripts per dialect, the version in use per dialect (null: placeholder), versions.
   */
  record PromptView(
      String id,
      String purpose,
      Map<String, String> scripts,
      Map<String, Integer> inUse,
      List<Version> versions) {}

  @GetMapping("/api/prompts")
  List<PromptView> list() {
    List<Version> all = recordings.all();
    return catalogue.entries().stream()
        .map(
            e -> {
              List<Version> mine = all.stream().filter(v -> v.promptId().equals(e.id())).toList();
              Map<String, String> scripts = new LinkedHashMap<>();
              Map<String, Integer> inUse = new LinkedHashMap<>();
              for (String d : PromptCatalogue.DIALECTS) {
                scripts.put(d, e.script(d));
                inUse.put(
                    d,
                    mine.stream()
                        .filter(v -> v.inUse() && v.dialect().equals(d))
                        .map(Version::version)
                        .findFirst()
                        .orElse(null));
              }
              return new PromptView(e.id(), e.purpose(), scripts, inUse, mine);
            })
        .toList();
  }

  @PostMapping("/api/prompts/{id}/recordings")
  ResponseEntity<Version> upload(
      @PathVariable String id,
      @RequestParam("file") MultipartFile file, // first: a request that is no upload is 415
      @RequestParam String dialect,
      Authentication auth)
      throws IOException {
    Version v =
        recordings.submit(
            id,
            dialect,
            file.getBytes(),
            Source.UPLOAD,
            file.getOriginalFilename(),
            callers.of(auth));
    return ResponseEntity.status(HttpStatus.CREATED).body(v);
  }

  @PostMapping("/api/prompts/{id}/approve")
  ResponseEntity<Void> approve(
      @PathVariable String id,
      @RequestParam String dialect,
      @RequestParam int version,
      Authentication auth) {
    recordings.approve(id, dialect, version, callers.of(auth));
    return ResponseEntity.noContent().build();
  }

  @PostMapping("/api/prompts/{id}/withdraw")
  ResponseEntity<Void> withdraw(
      @PathVariable String id, @RequestParam String dialect, Authentication auth) {
    recordings.withdraw(id, dialect, callers.of(auth));
    return ResponseEntity.noContent().build();
  }
}
