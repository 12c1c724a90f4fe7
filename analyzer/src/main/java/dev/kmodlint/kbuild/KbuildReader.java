package dev.kmodlint.kbuild;

import dev.kmodlint.kbuild.KbuildModule.Linkage;
import dev.kmodlint.model.Level;
import dev.kmodlint.model.Notification;
import dev.kmodlint.model.SourcePosition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.tree.TerminalNode;

/**
 * Reads what the Kbuild file of one directory builds: {@code Kbuild} if present, else
 * {@code Makefile}, {@code GNUmakefile} or {@code makefile}.
 *
 * <p>The file is evaluated statically as a union: every branch of every conditional is taken,
 * so the out-of-tree wrapper {@code ifneq ($(KERNELRELEASE),) obj-m := foo.o else ... endif}
 * yields module foo whatever the environment. Variables assigned in the file and in the files
 * it includes are expanded; CONFIG symbols never are: {@code obj-$(CONFIG_X)} is a module gated
 * by CONFIG_X. Object lists are expanded with the variables as they stand at the end of the
 * file, which is when Kbuild reads them.
 *
 * <p>A module is named by its {@code .o} entry without the suffix, including any relative
 * directory ({@code obj-m += sub/foo.o} is {@code sub/foo}, whose composite is
 * {@code sub/foo-y}). When any composite variable ({@code foo-y}, {@code foo-objs},
 * {@code foo-m}, {@code foo-$(CONFIG_X)}) is assigned, the module's objects are the
 * {@code .o} words of all of them, possibly none if only unknown words are listed; otherwise
 * the module is its own single object {@code foo.o}.
 */
public final class KbuildReader {
  /** A Makefile that exists but cannot be read (I/O error, too large). */
  public static final String READ_ERROR = "kbuild-read-error";
  /** A syntax problem; the rest of the file is still used. */
  public static final String PARSE_ERROR = MakefileSyntax.PARSE_ERROR;

  private static final List<String> MAKEFILE_NAMES = List.of("Kbuild", "Makefile", "GNUmakefile", "makefile");
  /** Kbuild files are a few kilobytes; anything far larger is not one. */
  private static final long MAX_BYTES = 4L << 20;
  /** Includes read per directory, so that a diamond of includes cannot blow up. */
  private static final int MAX_FILES = 64;

  private static final Pattern OBJECT_LIST = Pattern.compile("(obj|lib)-(y|m|(?:\\$\\(CONFIG_\\w+\\))+)");
  private static final Pattern COMPOSITE = Pattern.compile("(.+)-(?:y|m|objs|(?:\\$\\(CONFIG_\\w+\\))+)");
  private static final Pattern CONFIG_FUNCTION_LIST = Pattern.compile("(obj|lib)-(\\$\\(\\w+ .*\\))");
  private static final Pattern CONFIG_REFERENCE = Pattern.compile("\\$\\((CONFIG_\\w+)\\)");
  /** Variables Kbuild sets to the module directory, for {@code include $(src)/common.mk}. */
  private static final List<String> DIRECTORY_VARIABLES = List.of("src", "obj", "M", "PWD", "CURDIR");

  /** The syntax problems of one Makefile on its own (includes not followed). */
  public static List<Notification> syntaxProblems(Path makefile) throws IOException {
    Path p = makefile.toAbsolutePath().normalize();
    return MakefileSyntax.parse(p, Evaluation.decode(Files.readAllBytes(p))).notifications();
  }

  public KbuildDirectory read(Path directory) {
    Path dir = directory.toAbsolutePath().normalize();
    Optional<Path> makefile = MAKEFILE_NAMES.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
    if (makefile.isEmpty()) return new KbuildDirectory(dir, Optional.empty(), List.of(), List.of());
    Evaluation evaluation = new Evaluation(dir);
    evaluation.readFile(makefile.get(), false);
    return new KbuildDirectory(dir, makefile, evaluation.modules(), evaluation.notifications);
  }

  /** An {@code obj-*} or {@code lib-*} assignment, kept until all variables are known. */
  private record ObjectList(Linkage linkage, Set<String> gatingConfigs, List<Word> words) {}

  private record Declaration(String name, Linkage linkage, SourcePosition at, Set<String> gatingConfigs) {}

  /** The state of reading one directory's Kbuild file and what it includes. */
  private static final class Evaluation {
    private final Path dir;
    private final Map<String, String> directoryVariables = new LinkedHashMap<>();
    private final MakeVariables variables = new MakeVariables();
    private final List<ObjectList> objectLists = new ArrayList<>();
    private final Map<String, List<Word>> composites = new LinkedHashMap<>();
    private final List<Notification> notifications = new ArrayList<>();
    private final Deque<Path> including = new ArrayDeque<>();
    private int filesRead;

    Evaluation(Path dir) {
      this.dir = dir;
      for (String v : DIRECTORY_VARIABLES) directoryVariables.put(v, dir.toString());
    }

    void readFile(Path file, boolean conditional) {
      Path path = file.toAbsolutePath().normalize();
      if (including.contains(path) || filesRead >= MAX_FILES) return;
      filesRead++;
      String text;
      try {
        if (Files.size(path) > MAX_BYTES) {
          notifications.add(Notification.at(READ_ERROR, Level.WARNING, path.getFileName()
              + " is larger than " + (MAX_BYTES >> 20) + " MiB and is not read as a Kbuild file",
              SourcePosition.startOf(path)));
          return;
        }
        text = decode(Files.readAllBytes(path));
      } catch (IOException e) {
        notifications.add(Notification.at(READ_ERROR, Level.WARNING,
            "cannot read " + path.getFileName() + ": " + e.getMessage(), SourcePosition.startOf(path)));
        return;
      }
      including.push(path);
      try {
        MakefileSyntax.Parsed parsed = MakefileSyntax.parse(path, text);
        notifications.addAll(parsed.notifications());
        for (KbuildParser.BlockContext block : parsed.tree().block()) walk(parsed, block, conditional);
      } finally {
        including.pop();
      }
    }

    /** Bytes that are not UTF-8 become U+FFFD; columns count the characters that result. */
    private static String decode(byte[] bytes) {
      String text = new String(bytes, StandardCharsets.UTF_8);
      // A byte-order mark would stick to the first word; a space keeps the columns.
      return text.startsWith("\uFEFF") ? " " + text.substring(1) : text;
    }

    private void walk(MakefileSyntax.Parsed file, KbuildParser.BlockContext block, boolean conditional) {
      for (KbuildParser.LineContext line : block.line()) {
        if (line.conditional() != null) {
          KbuildParser.ConditionalContext c = line.conditional();
          if (c.block() != null) walk(file, c.block(), true);
          for (KbuildParser.ElseBranchContext e : c.elseBranch()) {
            if (e.block() != null) walk(file, e.block(), true);
          }
        } else if (line.defineBlock() != null) {
          List<TerminalNode> name = line.defineBlock().WORD();
          if (!name.isEmpty()) {
            for (String n : variables.expandName(join(file, name))) variables.assignUnknown(n, conditional);
          }
        } else if (line.statement() != null) {
          KbuildParser.StatementContext s = line.statement();
          if (s.assignment() != null) assignment(file, s.assignment(), conditional);
          else if (s.includeDirective() != null) include(file, s.includeDirective(), conditional);
        }
      }
    }

    private void assignment(MakefileSyntax.Parsed file, KbuildParser.AssignmentContext a, boolean conditional) {
      if (a.variableName() == null || a.ASSIGN_OP() == null) return;
      String op = a.ASSIGN_OP().getText();
      List<Word> value = a.value() == null ? List.of() : words(file, a.value().VALUE_WORD());
      for (String name : variables.expandName(join(file, a.variableName().WORD()))) {
        variables.assign(name, op, value, conditional);
        Matcher list = OBJECT_LIST.matcher(name);
        if (list.matches()) {
          Set<String> configs = configsIn(list.group(2));
          Linkage linkage = list.group(1).equals("lib") || list.group(2).equals("y") ? Linkage.BUILTIN
              : configs.isEmpty() ? Linkage.MODULE : Linkage.CONFIGURABLE;
          objectLists.add(new ObjectList(linkage, configs, value));
          continue;
        }
        Matcher loose = CONFIG_FUNCTION_LIST.matcher(name);
        if (loose.matches()) {
          // obj-$(subst m,y,$(CONFIG_ZCRYPT)): built in whenever enabled; other functions of
          // CONFIG symbols (if, filter) may give m, so the object stays configurable
          Set<String> configs = configsIn(loose.group(2));
          if (!configs.isEmpty()) {
            Linkage linkage = loose.group(2).startsWith("$(subst m,y,") ? Linkage.BUILTIN : Linkage.CONFIGURABLE;
            objectLists.add(new ObjectList(linkage, configs, value));
            continue;
          }
        }
        Matcher composite = COMPOSITE.matcher(name);
        if (composite.matches()) composites.computeIfAbsent(composite.group(1), k -> new ArrayList<>()).addAll(value);
      }
    }

    private void include(MakefileSyntax.Parsed file, KbuildParser.IncludeDirectiveContext d, boolean conditional) {
      if (d.value() == null) return;
      for (Word w : words(file, d.value().VALUE_WORD())) {
        for (Word path : variables.expandPath(w, directoryVariables)) {
          String name = path.text();
          if (name.indexOf('$') >= 0 || name.indexOf('*') >= 0 || name.indexOf('?') >= 0) continue;
          try {
            Path target = dir.resolve(name);
            // Missing includes are usually generated files or kernel-tree paths; make would
            // fail on some of them, Kbuild's own includes it never sees here.
            if (Files.isRegularFile(target)) readFile(target, conditional);
          } catch (InvalidPathException e) {
            // Not a file name this system can have, so not a file that exists.
          }
        }
      }
    }

    List<KbuildModule> modules() {
      Map<String, Declaration> declarations = new LinkedHashMap<>();
      for (ObjectList list : objectLists) {
        for (Word w : variables.expandList(list.words())) {
          String name = objectBase(w.text());
          if (name != null) declarations.putIfAbsent(name, new Declaration(name, list.linkage(), w.position(), list.gatingConfigs()));
        }
      }
      List<KbuildModule> modules = new ArrayList<>();
      for (Declaration d : declarations.values()) {
        List<KbuildObject> objects = new ArrayList<>();
        List<Word> parts = composites.get(d.name());
        if (parts == null) {
          objects.add(object(d.name() + ".o", d.at()));
        } else {
          Set<String> seen = new LinkedHashSet<>();
          for (Word w : variables.expandList(parts)) {
            if (objectBase(w.text()) != null && seen.add(w.text())) objects.add(object(w.text(), w.position()));
          }
        }
        modules.add(new KbuildModule(d.name(), d.linkage(), d.at(), objects, d.gatingConfigs()));
      }
      return modules;
    }

    private KbuildObject object(String name, SourcePosition listedAt) {
      String base = objectBase(name);
      for (String suffix : List.of(".c", ".S")) {
        try {
          Path source = dir.resolve(base + suffix).normalize();
          if (Files.isRegularFile(source)) return new KbuildObject(name, listedAt, Optional.of(source));
        } catch (InvalidPathException e) {
          break;
        }
      }
      return new KbuildObject(name, listedAt, Optional.empty());
    }

    /** {@code foo} for {@code foo.o}; null for anything else, such as a {@code dir/} descent. */
    private static String objectBase(String word) {
      return word.length() > 2 && word.endsWith(".o") ? word.substring(0, word.length() - 2) : null;
    }

    private static Set<String> configsIn(String text) {
      Set<String> configs = new LinkedHashSet<>();
      Matcher m = CONFIG_REFERENCE.matcher(text);
      while (m.find()) configs.add(m.group(1));
      return configs;
    }

    private static List<Word> words(MakefileSyntax.Parsed file, List<TerminalNode> nodes) {
      List<Word> out = new ArrayList<>();
      for (TerminalNode n : nodes) {
        Token t = n.getSymbol();
        // Tokens ANTLR invented while recovering from an error have no text in the file.
        if (t.getStartIndex() >= 0 && t.getTokenIndex() >= 0) out.add(file.word(t));
      }
      return out;
    }

    private static String join(MakefileSyntax.Parsed file, List<TerminalNode> nodes) {
      StringBuilder name = new StringBuilder();
      for (Word w : words(file, nodes)) {
        if (name.length() > 0) name.append(' ');
        name.append(w.text());
      }
      return name.toString();
    }
  }
}
