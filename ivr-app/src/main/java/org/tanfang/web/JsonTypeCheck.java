package org.tanfang.web;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.tanfang.shared.FieldProblem;
import tools.jackson.databind.JsonNode;

/**
 * Names every field of a JSON body whose value has the wrong type for the request record it is read
 * into — all at once, as the API's fields, never a Java class name: {@code {"selfCare": "yes"}}
 * gives {@code selfCare type.boolean}. Jackson stops at the first such field and names classes;
 * this reads the parsed body against the record's components instead.
 */
final class JsonTypeCheck {
  private JsonTypeCheck() {}

  static List<FieldProblem> problems(JsonNode body, Class<?> target) {
    List<FieldProblem> problems = new ArrayList<>();
    check(body, target, "", problems);
    return problems;
  }

  private static void check(JsonNode node, Type type, String path, List<FieldProblem> problems) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return;
    }
    Class<?> raw = raw(type);
    String field = path.isEmpty() ? "body" : path;
    if (raw == String.class) {
      if (!node.isString() && !node.isNumber() && !node.isBoolean()) {
        problems.add(FieldProblem.of(field, "type.text"));
      }
    } else if (raw == boolean.class || raw == Boolean.class) {
      if (!node.isBoolean()) {
        problems.add(FieldProblem.of(field, "type.boolean"));
      }
    } else if (raw.isPrimitive() || Number.class.isAssignableFrom(raw)) {
      if (!node.isNumber() && !(node.isString() && isNumber(node.stringValue()))) {
        problems.add(FieldProblem.of(field, "type.number"));
      }
    } else if (raw.isEnum()) {
      if (!node.isString() || !enumHas(raw, node.stringValue())) {
        problems.add(
            FieldProblem.of(
                field, "type.value", node.isString() ? node.stringValue() : node.toString()));
      }
    } else if (Collection.class.isAssignableFrom(raw)) {
      if (!node.isArray()) {
        problems.add(FieldProblem.of(field, "type.list"));
        return;
      }
      Type item = argument(type, 0);
      int i = 0;
      for (JsonNode value : node.values()) {
        check(value, item, path + "[" + i++ + "]", problems);
      }
    } else if (Map.class.isAssignableFrom(raw)) {
      if (!node.isObject()) {
        problems.add(FieldProblem.of(field, "type.object"));
        return;
      }
      Type value = argument(type, 1);
      for (var e : node.properties()) {
        check(e.getValue(), value, (path.isEmpty() ? "" : path + ".") + e.getKey(), problems);
      }
    } else if (raw.isRecord()) {
      if (!node.isObject()) {
        problems.add(FieldProblem.of(field, "type.object"));
        return;
      }
      for (RecordComponent c : raw.getRecordComponents()) {
        check(
            node.get(c.getName()),
            c.getGenericType(),
            path.isEmpty() ? c.getName() : path + "." + c.getName(),
            problems);
      }
    } else if (Temporal.class.isAssignableFrom(raw) && !node.isString()) {
      problems.add(FieldProblem.of(field, "type.value", node.toString()));
    }
  }

  private static boolean isNumber(String s) {
    try {
      new java.math.BigDecimal(s.strip());
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean enumHas(Class<?> type, String name) {
    for (Object constant : type.getEnumConstants()) {
      if (((Enum<?>) constant).name().equalsIgnoreCase(name.strip())) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) {
      return c;
    }
    return Object.class;
  }

  private static Type argument(Type type, int index) {
    if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > index) {
      return p.getActualTypeArguments()[index];
    }
    return Object.class;
  }
}
