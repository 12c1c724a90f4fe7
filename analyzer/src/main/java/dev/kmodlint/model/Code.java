package dev.kmodlint.model;

import java.util.List;

/**
 * What a C file declares and uses at file scope, for the parameter, section and symbol rules.
 * {@code unresolvedLocalIncludes}: {@code #include "x.h"} directives kmodlint could not find
 * (a Makefile's {@code -I} path, a generated header): what they declare is unknown.
 * {@code macroDefinedNames}: objects a kernel macro defines at file scope
 * ({@code static DEFINE_MUTEX(lock);}, {@code LIST_HEAD(list);}), which the front-end, without
 * the kernel's headers, cannot see as definitions. {@code externalCalls}: the calls of names the
 * file does not declare, with their argument counts; {@code versionConditionals}: its
 * {@code LINUX_VERSION_CODE} tests; {@code namespaceDefinitions}: its
 * {@code DEFAULT_SYMBOL_NAMESPACE} definitions; {@code assemblerNames}: what the assembler text
 * of its {@code asm()} statements defines and calls.
 */
public record Code(
    List<CFunction> functions,
    List<CVariable> variables,
    List<CReference> references,
    List<ModuleParam> params,
    List<ModInfo> paramDescriptions,
    List<ExportDecl> exports,
    List<ExternalUse> externalUses,
    List<String> unresolvedLocalIncludes,
    List<String> macroDefinedNames,
    List<ExternalCall> externalCalls,
    List<VersionConditional> versionConditionals,
    List<NamespaceDefinition> namespaceDefinitions,
    List<AssemblerName> assemblerNames) {

  public static final Code EMPTY = new Code(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
      List.of(), List.of(), List.of());

  /** Facts without calls, version tests, namespace definitions or assembler text. */
  public Code(List<CFunction> functions, List<CVariable> variables, List<CReference> references,
      List<ModuleParam> params, List<ModInfo> paramDescriptions, List<ExportDecl> exports,
      List<ExternalUse> externalUses, List<String> unresolvedLocalIncludes, List<String> macroDefinedNames) {
    this(functions, variables, references, params, paramDescriptions, exports, externalUses, unresolvedLocalIncludes,
        macroDefinedNames, List.of(), List.of(), List.of(), List.of());
  }

  public Code {
    functions = List.copyOf(functions);
    variables = List.copyOf(variables);
    references = List.copyOf(references);
    params = List.copyOf(params);
    paramDescriptions = List.copyOf(paramDescriptions);
    exports = List.copyOf(exports);
    externalUses = List.copyOf(externalUses);
    unresolvedLocalIncludes = List.copyOf(unresolvedLocalIncludes);
    macroDefinedNames = List.copyOf(macroDefinedNames);
    externalCalls = List.copyOf(externalCalls);
    versionConditionals = List.copyOf(versionConditionals);
    namespaceDefinitions = List.copyOf(namespaceDefinitions);
    assemblerNames = List.copyOf(assemblerNames);
  }
}
