package dev.kmodlint.kbuild;

import dev.kmodlint.model.BuildMode;
import dev.kmodlint.model.SourcePosition;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One entry of {@code obj-m}/{@code obj-$(CONFIG_X)}/{@code obj-y}: {@code foo.o} is module
 * {@code foo}. {@code buildMode}: {@code MODULE}, {@code CONFIGURABLE} or {@code BUILTIN}, never
 * {@code LIBRARY}: a module listed in {@code lib-y} is built into the kernel. {@code objects}
 * are its parts (for a composite {@code foo-y := a.o b.o}, a.o and b.o; otherwise foo.o itself). {@code declaredAt} is the position of {@code foo.o} in the
 * {@code obj-*} line. {@code gatingConfigs}: CONFIG symbols named in the {@code obj-$(...)}
 * variable (without {@code CONFIG_} prefix removed: e.g. {@code CONFIG_FOO}), kept whatever the
 * kernel's .config says of them. {@code conditions}: why the Makefile lists it only in some
 * configurations (an {@code ifeq} it cannot decide); empty when it always does.
 * {@code unbuiltObjects}: parts the kernel's .config leaves out ({@code foo-$(CONFIG_BAR) += bar.o}
 * with BAR not set), each with the symbols that would add it: not objects of this build, but
 * where a reference of the module may be defined in another configuration.
 */
public record KbuildModule(
    String name,
    BuildMode buildMode,
    SourcePosition declaredAt,
    List<KbuildObject> objects,
    Set<String> gatingConfigs,
    List<String> conditions,
    List<KbuildObject> unbuiltObjects) {

  public KbuildModule {
    buildMode = buildMode.ofModule();
    objects = List.copyOf(objects);
    gatingConfigs = Collections.unmodifiableSortedSet(new TreeSet<>(gatingConfigs));
    conditions = List.copyOf(conditions);
    unbuiltObjects = List.copyOf(unbuiltObjects);
  }

  public KbuildModule(String name, BuildMode buildMode, SourcePosition declaredAt, List<KbuildObject> objects,
      Set<String> gatingConfigs) {
    this(name, buildMode, declaredAt, objects, gatingConfigs, List.of(), List.of());
  }

  public boolean conditional() {
    return !conditions.isEmpty();
  }
}
