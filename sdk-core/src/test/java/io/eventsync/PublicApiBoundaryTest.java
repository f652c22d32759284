package io.eventsync;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventsync.auth.ClientCredentials;
import io.eventsync.auth.Credentials;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The public API names no type of {@code io.eventsync.internal}: no public or protected member
 * takes, returns or exposes one, and no public record carries an internal annotation.
 */
class PublicApiBoundaryTest {
  private static final String INTERNAL = "io.eventsync.internal.";

  @Test
  void noPublicMemberTakesOrReturnsAnInternalType() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicClasses()) {
      for (Constructor<?> constructor : type.getDeclaredConstructors()) {
        if (visible(constructor.getModifiers())) {
          check(leaks, constructor, constructor.getGenericParameterTypes());
        }
      }
      for (Method method : type.getDeclaredMethods()) {
        if (visible(method.getModifiers()) && !method.isSynthetic()) {
          List<Type> types = new ArrayList<>(Arrays.asList(method.getGenericParameterTypes()));
          types.add(method.getGenericReturnType());
          check(leaks, method, types.toArray(new Type[0]));
        }
      }
      for (Field field : type.getDeclaredFields()) {
        if (visible(field.getModifiers())
            && field.getGenericType().getTypeName().contains(INTERNAL)) {
          leaks.add(type.getName() + "." + field.getName());
        }
      }
      Type superclass = type.getGenericSuperclass();
      if (superclass != null && superclass.getTypeName().contains(INTERNAL)) {
        leaks.add(type.getName() + " extends " + superclass.getTypeName());
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void publicRecordsCarryNoInternalAnnotation() throws Exception {
    List<String> leaks = new ArrayList<>();
    for (Class<?> type : publicClasses()) {
      if (!type.isRecord()) {
        continue;
      }
      for (RecordComponent component : type.getRecordComponents()) {
        for (AnnotatedElement element :
            List.of(component, component.getAccessor(), fieldOf(type, component.getName()))) {
          for (Annotation annotation : element.getAnnotations()) {
            if (annotation.annotationType().getName().startsWith(INTERNAL)) {
              leaks.add(type.getName() + "." + component.getName() + " @" + annotation);
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void credentialsAreValuesWithoutAPublicWayToComputeTheHeader() {
    for (Class<?> type : List.of(Credentials.class, ClientCredentials.class)) {
      assertThat(
              Arrays.stream(type.getMethods())
                  .filter(m -> m.getDeclaringClass() != Object.class)
                  .map(Method::getName))
          .doesNotContain("authorization", "invalidate", "forApi");
    }
  }

  private static Field fieldOf(Class<?> type, String name) {
    try {
      return type.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      throw new AssertionError(e);
    }
  }

  private static void check(List<String> leaks, Executable member, Type[] types) {
    for (Type type : types) {
      if (type.getTypeName().contains(INTERNAL)) {
        leaks.add(member.toGenericString());
        return;
      }
    }
  }

  private static boolean visible(int modifiers) {
    return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
  }

  /** The public classes (nested ones included) of every package but the internal one. */
  private static List<Class<?>> publicClasses()
      throws IOException, URISyntaxException, ClassNotFoundException {
    Path root =
        Path.of(EventSyncClient.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    List<Class<?>> classes = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name =
            root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
        if (!name.endsWith(".class") || name.startsWith(INTERNAL) || name.contains("module-info")) {
          continue;
        }
        Class<?> type =
            Class.forName(
                name.substring(0, name.length() - ".class".length()),
                false,
                PublicApiBoundaryTest.class.getClassLoader());
        if (isPublicApi(type)) {
          classes.add(type);
        }
      }
    }
    assertThat(classes).hasSizeGreaterThan(50);
    return classes;
  }

  private static boolean isPublicApi(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getDeclaringClass()) {
      if (!Modifier.isPublic(c.getModifiers())) {
        return false;
      }
    }
    return !type.isAnonymousClass() && !type.isSynthetic();
  }
}
