package dev.kmodlint.rules.license;

import dev.kmodlint.model.Level;
import dev.kmodlint.model.SourceFile;
import dev.kmodlint.model.SourcePosition;
import dev.kmodlint.model.SpdxTag;
import dev.kmodlint.rule.Rule;
import dev.kmodlint.rule.RuleContext;
import dev.kmodlint.rule.RuleInfo;

@RuleInfo(
    id = "license/spdx-missing",
    level = Level.NOTE,
    summary = "Source file without an SPDX-License-Identifier tag on line 1 in the right comment style",
    description = "Documentation/process/license-rules.rst asks for the SPDX tag on the first line:"
        + " '// SPDX-License-Identifier: <expr>' in .c files, '/* SPDX-License-Identifier: <expr> */'"
        + " in headers. checkpatch reports a missing or misplaced tag as SPDX_LICENSE_TAG.",
    tags = {"license", "style"},
    anchor = "checkpatch SPDX_LICENSE_TAG")
public final class SpdxMissingRule implements Rule {
  @Override
  public void check(RuleContext ctx) {
    for (SourceFile f : ctx.project().files()) {
      if (f.kind() == SourceFile.Kind.ASSEMBLY || !f.parsed()) continue;
      String want = f.kind() == SourceFile.Kind.HEADER ? "/*" : "//";
      String example = want.equals("//") ? "// SPDX-License-Identifier: GPL-2.0"
          : "/* SPDX-License-Identifier: GPL-2.0 */";
      if (f.spdx().isEmpty()) {
        ctx.report(SourcePosition.startOf(f.path()),
            "missing SPDX-License-Identifier tag on line 1, e.g. '" + example + "'");
        continue;
      }
      SpdxTag tag = f.spdx().get();
      if (tag.position().line() != 1) {
        ctx.report(tag.position(), "the SPDX-License-Identifier tag must be on line 1, not line "
            + tag.position().line());
      } else if (!tag.commentStyle().equals(want)) {
        ctx.report(tag.position(), "the SPDX-License-Identifier tag of a "
            + (want.equals("//") ? ".c file" : "header") + " is written '" + example + "'");
      } else if (tag.expression().isEmpty()) {
        ctx.report(tag.position(), "the SPDX-License-Identifier tag has no license expression");
      }
    }
  }
}
