package dev.kmodlint.model;

import java.util.List;

/** What a C file declares and uses at file scope, for the parameter, section and symbol rules. */
public record Code(
    List<CFunction> functions,
    List<CVariable> variables,
    List<CReference> references,
    List<ModuleParam> params,
    List<ModInfo> paramDescriptions,
    List<ExportDecl> exports,
    List<ExternalUse> externalUses) {

  public static final Code EMPTY = new Code(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
      List.of());

  public Code {
    functions = List.copyOf(functions);
    variables = List.copyOf(variables);
    references = List.copyOf(references);
    params = List.copyOf(params);
    paramDescriptions = List.copyOf(paramDescriptions);
    exports = List.copyOf(exports);
    externalUses = List.copyOf(externalUses);
  }
}
