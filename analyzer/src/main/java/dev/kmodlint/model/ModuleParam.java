package dev.kmodlint.model;

import java.util.Optional;

/**
 * One {@code module_param*}/{@code core_param} use. {@code form} is the macro name,
 * {@code name} the parameter's name, {@code variable} the C object behind it (the value of
 * {@code module_param_named}, the buffer of {@code module_param_string}), {@code type} the
 * parameter type ({@code int}, {@code charp}; for {@code module_param_cb} the ops).
 * {@code plainVariable} is false for {@code &(s.field)} and {@code &(arr[0])}: {@code variable}
 * is then only the base object, whose type says nothing about the parameter.
 */
public record ModuleParam(
    String form,
    String name,
    String variable,
    boolean plainVariable,
    String type,
    Permission permission,
    Optional<String> hwType,
    Optional<String> stringLength,
    Optional<Long> stringLengthValue,
    SourcePosition position,
    boolean active) {

  public boolean isArray() {
    return form.contains("array");
  }

  public boolean isString() {
    return form.equals("module_param_string");
  }

  public boolean isCallback() {
    return form.startsWith("module_param_cb");
  }

  public boolean isHardware() {
    return form.startsWith("module_param_hw");
  }
}
