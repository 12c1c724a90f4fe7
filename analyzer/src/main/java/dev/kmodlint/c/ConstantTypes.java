package dev.kmodlint.c;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.cdt.core.dom.ast.IASTArrayDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTArrayModifier;
import org.eclipse.cdt.core.dom.ast.IASTArraySubscriptExpression;
import org.eclipse.cdt.core.dom.ast.IASTCastExpression;
import org.eclipse.cdt.core.dom.ast.IASTDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTDeclarator;
import org.eclipse.cdt.core.dom.ast.IASTElaboratedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTExpression;
import org.eclipse.cdt.core.dom.ast.IASTFieldReference;
import org.eclipse.cdt.core.dom.ast.IASTFunctionDefinition;
import org.eclipse.cdt.core.dom.ast.IASTIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTLiteralExpression;
import org.eclipse.cdt.core.dom.ast.IASTName;
import org.eclipse.cdt.core.dom.ast.IASTNamedTypeSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTNode;
import org.eclipse.cdt.core.dom.ast.IASTParameterDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclSpecifier;
import org.eclipse.cdt.core.dom.ast.IASTSimpleDeclaration;
import org.eclipse.cdt.core.dom.ast.IASTTypeId;
import org.eclipse.cdt.core.dom.ast.IASTTypeIdExpression;
import org.eclipse.cdt.core.dom.ast.IASTUnaryExpression;
import org.eclipse.cdt.core.dom.ast.IBinding;

/**
 * The compile-time constants gcc computes from types, where the file's own declarations tell the
 * type: {@code sizeof} of a variable, member or type whose size does not depend on the
 * architecture ({@code u8} to {@code u64}, {@code __be32}, {@code int}, arrays of them), and
 * {@code __builtin_types_compatible_p(typeof(x), struct s)} for a variable declared a struct.
 * The kernel's fixed-size typedefs come from headers the front-end does not read: their sizes
 * are written here. Anything else (a pointer, {@code long}, a struct's layout, a typedef of the
 * headers not listed) is unknown, never guessed. {@code switch (sizeof(dest)) { case 1: ...
 * default: __buggy_use_of_MTHCA_GET(); }} then drops the calls gcc drops.
 */
final class ConstantTypes {
  private ConstantTypes() {}

  /** include/uapi/asm-generic/int-ll64.h, include/linux/types.h, uapi/linux/types.h: the same on every architecture. */
  private static final Map<String, Long> FIXED = Map.ofEntries(
      Map.entry("u8", 1L), Map.entry("s8", 1L), Map.entry("__u8", 1L), Map.entry("__s8", 1L),
      Map.entry("uint8_t", 1L), Map.entry("int8_t", 1L), Map.entry("u_int8_t", 1L), Map.entry("bool", 1L),
      Map.entry("u16", 2L), Map.entry("s16", 2L), Map.entry("__u16", 2L), Map.entry("__s16", 2L),
      Map.entry("uint16_t", 2L), Map.entry("int16_t", 2L), Map.entry("u_int16_t", 2L), Map.entry("__be16", 2L),
      Map.entry("__le16", 2L), Map.entry("__sum16", 2L),
      Map.entry("u32", 4L), Map.entry("s32", 4L), Map.entry("__u32", 4L), Map.entry("__s32", 4L),
      Map.entry("uint32_t", 4L), Map.entry("int32_t", 4L), Map.entry("u_int32_t", 4L), Map.entry("__be32", 4L),
      Map.entry("__le32", 4L), Map.entry("__wsum", 4L),
      Map.entry("u64", 8L), Map.entry("s64", 8L), Map.entry("__u64", 8L), Map.entry("__s64", 8L),
      Map.entry("uint64_t", 8L), Map.entry("int64_t", 8L), Map.entry("u_int64_t", 8L), Map.entry("__be64", 8L),
      Map.entry("__le64", 8L));

  /**
   * The names that declare {@code b} in its translation unit, from the binding itself (C bindings
   * keep their declarations: asking the unit would walk its whole tree, for each sizeof of a
   * table of a thousand entries); empty when it does not say.
   */
  private static List<IASTName> declarations(IBinding b) {
    if (!(b instanceof org.eclipse.cdt.internal.core.dom.parser.c.ICInternalBinding c)) return List.of();
    List<IASTName> out = new ArrayList<>();
    IASTNode[] all = c.getDeclarations();
    if (all != null) for (IASTNode n : all) if (n instanceof IASTName name) out.add(name);
    if (c.getDefinition() instanceof IASTName d && !out.contains(d)) out.add(d);
    return out;
  }

  /** How deep typedefs of typedefs are followed. */
  private static final int MAX_DEPTH = 6;

  /** The value of {@code sizeof(e)} or {@code sizeof(type)}, when the file's declarations tell it. */
  static Optional<Long> sizeOf(IASTExpression sizeofExpression) {
    if (sizeofExpression instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_sizeof)
      return sizeOfValue(u.getOperand(), 0);
    if (sizeofExpression instanceof IASTTypeIdExpression t && t.getOperator() == IASTTypeIdExpression.op_sizeof)
      return sizeOfType(t.getTypeId(), 0);
    return Optional.empty();
  }

  /** The size of the value of {@code e}. */
  private static Optional<Long> sizeOfValue(IASTExpression e, int depth) {
    if (depth > MAX_DEPTH) return Optional.empty();
    if (e instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary)
      return sizeOfValue(u.getOperand(), depth);
    if (e instanceof IASTCastExpression c) return sizeOfType(c.getTypeId(), depth);
    if (e instanceof IASTLiteralExpression l) return literalSize(l);
    if (e instanceof IASTIdExpression id) return declaredSize(id.getName(), 0, depth);
    if (e instanceof IASTFieldReference f) return declaredSize(f.getFieldName(), 0, depth);
    if (e instanceof IASTArraySubscriptExpression a && a.getArrayExpression() instanceof IASTIdExpression id)
      return declaredSize(id.getName(), 1, depth);
    if (e instanceof IASTArraySubscriptExpression a && a.getArrayExpression() instanceof IASTFieldReference f)
      return declaredSize(f.getFieldName(), 1, depth);
    return Optional.empty();
  }

  /** An integer literal is an int when it fits and has no suffix; a character literal is an int in C. */
  private static Optional<Long> literalSize(IASTLiteralExpression l) {
    String t = String.valueOf(l.getValue()).toLowerCase(java.util.Locale.ROOT);
    if (l.getKind() == IASTLiteralExpression.lk_char_constant) return Optional.of(4L);
    if (l.getKind() != IASTLiteralExpression.lk_integer_constant) return Optional.empty();
    if (t.endsWith("ll") || t.endsWith("llu") || t.endsWith("ull")) return Optional.of(8L);
    if (t.matches(".*[ul]$")) return Optional.empty(); // long, or unsigned: wider or not, the value decides
    Optional<Long> v = CSyntax.integer(t);
    // decimal: int, else long (arch); octal and hex may be unsigned int up to 32 bits
    boolean decimal = !t.startsWith("0") || t.equals("0");
    return v.filter(x -> x >= 0 && x <= (decimal ? Integer.MAX_VALUE : 0xffffffffL)).map(x -> 4L);
  }

  /** The size of what {@code name} declares, less {@code subscripts} array dimensions. */
  private static Optional<Long> declaredSize(IASTName name, int subscripts, int depth) {
    IBinding b = name.resolveBinding();
    List<IASTName> decls = declarations(b);
    if (decls.isEmpty()) return Optional.empty();
    Optional<Long> found = Optional.empty();
    for (IASTName d : decls) {
      Optional<Long> s = declarationSize(d, subscripts, depth);
      // every declaration must agree (an #if/#else pair of one name is two)
      if (s.isEmpty() || (found.isPresent() && !found.get().equals(s.get()))) return Optional.empty();
      found = s;
    }
    return found;
  }

  /** The size of the object a declarator's name declares: its specifier, pointers and arrays. */
  private static Optional<Long> declarationSize(IASTName name, int subscripts, int depth) {
    if (!(name.getParent() instanceof IASTDeclarator dec)) return Optional.empty();
    IASTDeclarator outer = dec;
    while (outer.getParent() instanceof IASTDeclarator p) outer = p;
    IASTNode holder = outer.getParent();
    IASTDeclSpecifier spec = holder instanceof IASTSimpleDeclaration sd ? sd.getDeclSpecifier()
        : holder instanceof IASTParameterDeclaration pd ? pd.getDeclSpecifier()
        : holder instanceof IASTFunctionDefinition ? null : null;
    if (spec == null || outer != dec) return Optional.empty(); // (*p)[4] and the like: not read
    return objectSize(spec, dec, subscripts, depth);
  }

  private static Optional<Long> objectSize(IASTDeclSpecifier spec, IASTDeclarator dec, int subscripts, int depth) {
    if (dec.getPointerOperators().length > 0) return Optional.empty(); // a pointer: the architecture's
    long count = 1;
    if (dec instanceof IASTArrayDeclarator a) {
      IASTArrayModifier[] mods = a.getArrayModifiers();
      if (subscripts > mods.length) return Optional.empty();
      for (int i = subscripts; i < mods.length; i++) {
        IASTExpression len = mods[i].getConstantExpression();
        Optional<Long> n = len instanceof IASTLiteralExpression l && l.getKind() == IASTLiteralExpression.lk_integer_constant
            ? CSyntax.integer(String.valueOf(l.getValue())) : Optional.empty();
        if (n.isEmpty()) return Optional.empty();
        count *= n.get();
      }
    } else if (subscripts > 0) {
      return Optional.empty();
    }
    long c = count;
    return specifierSize(spec, depth).map(s -> s * c);
  }

  private static Optional<Long> specifierSize(IASTDeclSpecifier spec, int depth) {
    if (depth > MAX_DEPTH) return Optional.empty();
    if (spec instanceof IASTSimpleDeclSpecifier s) {
      return switch (s.getType()) {
        case IASTSimpleDeclSpecifier.t_char, IASTSimpleDeclSpecifier.t_bool -> Optional.of(1L);
        case IASTSimpleDeclSpecifier.t_float -> Optional.of(4L);
        case IASTSimpleDeclSpecifier.t_double -> s.isLong() ? Optional.empty() : Optional.of(8L);
        case IASTSimpleDeclSpecifier.t_int, IASTSimpleDeclSpecifier.t_unspecified ->
            s.isShort() ? Optional.of(2L) : s.isLongLong() ? Optional.of(8L) : s.isLong() ? Optional.empty()
                : s.getType() == IASTSimpleDeclSpecifier.t_int || s.isUnsigned() || s.isSigned() ? Optional.of(4L)
                : Optional.empty();
        case IASTSimpleDeclSpecifier.t_typeof -> s.getDeclTypeExpression() == null ? Optional.empty()
            : sizeOfValue(s.getDeclTypeExpression(), depth + 1);
        default -> Optional.empty();
      };
    }
    if (spec instanceof IASTNamedTypeSpecifier n) {
      Long fixed = FIXED.get(n.getName().toString());
      if (fixed != null) return Optional.of(fixed);
      // a typedef of the file's: what it names
      return declaredTypedefSize(n.getName(), depth + 1);
    }
    return Optional.empty();
  }

  private static Optional<Long> declaredTypedefSize(IASTName name, int depth) {
    IBinding b = name.resolveBinding();
    if (!(b instanceof org.eclipse.cdt.core.dom.ast.ITypedef)) return Optional.empty();
    List<IASTName> decls = declarations(b);
    if (decls.size() != 1 || !(decls.get(0).getParent() instanceof IASTDeclarator dec)
        || !(dec.getParent() instanceof IASTSimpleDeclaration sd)) return Optional.empty();
    return objectSize(sd.getDeclSpecifier(), dec, 0, depth);
  }

  private static Optional<Long> sizeOfType(IASTTypeId type, int depth) {
    if (type == null || type.getAbstractDeclarator() == null) return Optional.empty();
    return objectSize(type.getDeclSpecifier(), type.getAbstractDeclarator(), 0, depth);
  }

  /**
   * {@code __builtin_types_compatible_p(a, b)} when both are a struct or union named by tag, as
   * written or as the type of a variable ({@code typeof(iwl5100_agn_cfg)}, declared
   * {@code const struct iwl_cfg}): qualifiers aside, compatible exactly when the tags agree.
   */
  static Optional<Long> typesCompatible(IASTTypeIdExpression[] types) {
    if (types.length != 2) return Optional.empty();
    Optional<String> a = tag(types[0].getTypeId(), 0);
    Optional<String> b = tag(types[1].getTypeId(), 0);
    if (a.isEmpty() || b.isEmpty()) return Optional.empty();
    return Optional.of(a.get().equals(b.get()) ? 1L : 0L);
  }

  private static Optional<String> tag(IASTTypeId type, int depth) {
    if (type == null || depth > MAX_DEPTH) return Optional.empty();
    IASTDeclarator d = type.getAbstractDeclarator();
    if (d != null && (d.getPointerOperators().length > 0 || d instanceof IASTArrayDeclarator || d.getNestedDeclarator() != null))
      return Optional.empty();
    return specifierTag(type.getDeclSpecifier(), depth);
  }

  private static Optional<String> specifierTag(IASTDeclSpecifier spec, int depth) {
    if (spec instanceof IASTElaboratedTypeSpecifier e && e.getKind() != IASTElaboratedTypeSpecifier.k_enum)
      return Optional.of((e.getKind() == IASTElaboratedTypeSpecifier.k_struct ? "struct " : "union ") + e.getName());
    IASTExpression of = spec instanceof IASTSimpleDeclSpecifier s && s.getType() == IASTSimpleDeclSpecifier.t_typeof
        ? s.getDeclTypeExpression() : null;
    while (of instanceof IASTUnaryExpression u && u.getOperator() == IASTUnaryExpression.op_bracketedPrimary)
      of = u.getOperand();
    if (of instanceof IASTIdExpression id) {
      List<IASTName> decls = declarations(id.getName().resolveBinding());
      if (decls.isEmpty()) return Optional.empty();
      Optional<String> found = Optional.empty();
      for (IASTName n : decls) {
        if (!(n.getParent() instanceof IASTDeclarator dec) || dec.getParent() instanceof IASTDeclarator
            || dec.getPointerOperators().length > 0 || dec instanceof IASTArrayDeclarator
            || !(dec.getParent() instanceof IASTSimpleDeclaration sd)) return Optional.empty();
        Optional<String> t = specifierTag(sd.getDeclSpecifier(), depth + 1);
        if (t.isEmpty() || (found.isPresent() && !found.get().equals(t.get()))) return Optional.empty();
        found = t;
      }
      return found;
    }
    return Optional.empty();
  }
}
