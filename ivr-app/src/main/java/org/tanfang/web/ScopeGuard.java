package org.tanfang.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.tanfang.escalation.EscalationNotFoundException;
import org.tanfang.escalation.EscalationQueries;
import org.tanfang.registry.ElderNotFoundException;
import org.tanfang.registry.ElderService;
import org.tanfang.security.Caller;
import org.tanfang.security.Callers;

/**
 * Region scope for every request that names one elder or one case in its path: {@code
 * /elders/{id}/…}, {@code /api/elders/{id}/…} and {@code /desk/{id}/…}, {@code
 * /api/escalations/{id}/…}, whatever the action (view, cycle, test call, pause, claim, note,
 * reassign, resolve, call back, recording). An elder or case outside the caller's scope is not
 * found (404), before the controller runs, so a new endpoint under these paths is covered too.
 */
@Component
class ScopeGuard implements HandlerInterceptor {
  // Looked up per request: a web slice test (@WebMvcTest) has interceptors but not the services.
  private final ObjectProvider<Callers> callers;
  private final ObjectProvider<ElderService> elders;
  private final ObjectProvider<EscalationQueries> cases;

  ScopeGuard(
      ObjectProvider<Callers> callers,
      ObjectProvider<ElderService> elders,
      ObjectProvider<EscalationQueries> cases) {
    this.callers = callers;
    this.elders = elders;
    this.cases = cases;
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object h) {
    @SuppressWarnings("unchecked")
    Map<String, String> vars =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    if (vars == null || !vars.containsKey("id")) {
      return true;
    }
    long id;
    try {
      id = Long.parseLong(vars.get("id"));
    } catch (NumberFormatException e) {
      return true; // the controller answers 400 for a malformed id
    }
    String path = request.getRequestURI().substring(request.getContextPath().length());
    boolean elderPath = path.startsWith("/elders/") || path.startsWith("/api/elders/");
    boolean casePath = path.startsWith("/desk/") || path.startsWith("/api/escalations/");
    if (!elderPath && !casePath) {
      return true;
    }
    Caller caller = callers.getObject().of(SecurityContextHolder.getContext().getAuthentication());
    if (elderPath) {
      elders.getObject().getInScope(id, caller);
    } else {
      Long elderId =
          cases
              .getObject()
              .get(id)
              .orElseThrow(() -> new EscalationNotFoundException(id))
              .elderId();
      if (elderId == null) {
        // An unidentified caller's case: no elder, no region; city-wide accounts only.
        if (!caller.scope().isCity()) {
          throw new EscalationNotFoundException(id);
        }
        return true;
      }
      try {
        elders.getObject().getInScope(elderId, caller);
      } catch (ElderNotFoundException outOfScope) {
        throw new EscalationNotFoundException(id);
      }
    }
    return true;
  }
}
