package com.trafficrules.engine;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a proposed DRL file may name: types (the project's fact classes, the file's declared types and a
 * table of {@code java.time}, {@code java.util} and {@code java.lang} types) and, on each library type, the
 * static methods it may call and whether it may be constructed. Every library entry lists its methods: a
 * static method not listed here (such as {@code TimeZone.setDefault} or {@code Instant.now}) is refused even
 * though its class is allowed. Fact classes are the project's own code, so their constructors and static
 * methods are all allowed.
 *
 * <p>Instance methods are called on values whose type the lint does not work out (bindings, fact accessors,
 * results of other calls), so they are checked by name: a name that reaches reflection, class loading,
 * threads or the process is refused on any receiver.
 */
final class DrlAllowlist {

    /** Where an allowed type comes from. */
    enum Origin { FACT, DECLARED, LIBRARY }

    /** An allowed type: its qualified name (the simple name for declared types) and where it comes from. */
    record AllowedType(String name, Origin origin) {
    }

    private static final Pattern FACT_CLASS = Pattern.compile("com\\.trafficrules\\.[a-z][a-z0-9_]*\\.facts\\.[A-Z]\\w*(\\.[A-Z]\\w*)*");
    private static final Pattern FACT_PACKAGE = Pattern.compile("com\\.trafficrules\\.[a-z][a-z0-9_]*\\.facts");

    /** The one global, and its methods. */
    static final String OUTCOMES_TYPE = Outcomes.class.getName();
    private static final Set<String> OUTCOMES_METHODS = Arrays.stream(Outcomes.class.getMethods())
            .filter(method -> method.getDeclaringClass() == Outcomes.class && !Modifier.isStatic(method.getModifiers()))
            .map(Method::getName)
            .collect(Collectors.toUnmodifiableSet());

    /** The accumulate functions Drools ships (kie.default.properties.conf); custom ones run code of their own. */
    private static final Set<String> ACCUMULATE_FUNCTIONS = Set.of("count", "sum", "sumI", "sumL", "sumBI", "sumBD",
            "min", "minN", "minI", "minL", "minBI", "minBD", "max", "maxN", "maxI", "maxL", "maxBI", "maxBD",
            "average", "averageBD", "collectList", "collectSet", "variance", "standardDeviation");

    /**
     * Instance members (methods, and the properties MVEL reads through getters) that reach reflection, class
     * loading, threads, the process, monitors or the common thread pool, refused on any receiver.
     */
    private static final Set<String> DENIED_MEMBERS = Set.of("getClass", "getDeclaringClass", "getEnclosingClass",
            "getComponentType", "componentType", "arrayType", "getSuperclass", "getInterfaces", "getGenericSuperclass",
            "getGenericInterfaces", "getModule", "getClassLoader", "getContextClassLoader", "loadClass", "forName",
            "getResource", "getResourceAsStream", "getResources", "getProtectionDomain", "getMethod", "getMethods",
            "getField", "getFields", "getConstructor", "getConstructors", "getRecordComponents", "getAccessor",
            "getEnumConstants", "invoke", "invokeExact", "invokeWithArguments", "newInstance", "setAccessible",
            "trySetAccessible", "describeConstable", "resolveConstantDesc", "getRuntime", "exec", "exit", "halt",
            "wait", "notify", "notifyAll", "finalize", "parallel", "parallelStream");
    private static final String DENIED_PREFIX = "getDeclared";

    /** The static factories of the java.time value types: no {@code now()}, no system zone, no clock. */
    private static final String[] TIME_FACTORIES = {"of", "ofEpochMilli", "ofEpochSecond", "ofEpochDay", "ofYearDay",
            "ofInstant", "ofSecondOfDay", "ofNanoOfDay", "ofLocal", "ofStrict", "ofNanos", "ofMillis", "ofSeconds",
            "ofMinutes", "ofHours", "ofDays", "ofWeeks", "ofMonths", "ofYears", "ofTotalSeconds", "ofHoursMinutes",
            "ofHoursMinutesSeconds", "ofOffset", "from", "parse", "between", "values", "valueOf", "isLeap",
            "getAvailableZoneIds", "timeLineOrder"};
    /** Library types by qualified name: the static methods each may call, and whether rules may construct it. */
    private static final Map<String, LibraryType> LIBRARY = new HashMap<>();

    private record LibraryType(Set<String> statics, boolean constructible) {
    }

    static {
        String[] none = {};
        for (String type : List.of("String", "StringBuilder")) {
            library("java.lang." + type, type.equals("String") ? new String[] {"valueOf", "format", "join", "copyValueOf"} : none, true);
        }
        // The boxed types' and Math's static methods are pure functions of their arguments, but for the ones
        // that read system properties (Integer.getInteger) and Math.random.
        for (String type : List.of("Integer", "Long", "Short", "Byte", "Double", "Float", "Character")) {
            library("java.lang." + type, staticsExcept("java.lang." + type, "getInteger", "getLong"), false);
        }
        library("java.lang.Boolean", staticsExcept("java.lang.Boolean", "getBoolean"), false);
        for (String type : List.of("Math", "StrictMath")) {
            library("java.lang." + type, staticsExcept("java.lang." + type, "random"), false);
        }
        for (String type : List.of("Number", "Object", "CharSequence", "Comparable", "Iterable")) {
            library("java.lang." + type, none, false);
        }

        library("java.util.List", new String[] {"of", "copyOf"}, false);
        library("java.util.Set", new String[] {"of", "copyOf"}, false);
        library("java.util.Map", new String[] {"of", "copyOf", "entry", "ofEntries"}, false);
        for (String type : List.of("ArrayList", "LinkedList", "ArrayDeque", "HashMap", "LinkedHashMap", "TreeMap", "HashSet",
                "LinkedHashSet", "TreeSet", "StringJoiner")) {
            library("java.util." + type, none, true);
        }
        for (String type : List.of("Collection", "Iterator", "ListIterator", "Queue", "Deque", "SortedMap", "NavigableMap",
                "SortedSet", "NavigableSet")) {
            library("java.util." + type, none, false);
        }
        library("java.util.Collections", new String[] {"emptyList", "emptySet", "emptyMap", "emptySortedSet",
                "emptySortedMap", "singletonList", "singleton", "singletonMap", "unmodifiableList", "unmodifiableSet",
                "unmodifiableMap", "unmodifiableCollection", "unmodifiableSortedSet", "unmodifiableSortedMap", "max",
                "min", "frequency", "disjoint", "reverseOrder", "nCopies"}, false);
        library("java.util.Arrays", new String[] {"asList", "toString", "deepToString", "equals", "deepEquals", "hashCode",
                "deepHashCode", "stream", "copyOf", "copyOfRange", "binarySearch"}, false);
        library("java.util.Objects", new String[] {"equals", "deepEquals", "hashCode", "hash", "toString", "isNull",
                "nonNull", "requireNonNull", "requireNonNullElse", "compare", "checkIndex"}, false);
        library("java.util.Optional", new String[] {"of", "ofNullable", "empty"}, false);
        for (String type : List.of("OptionalInt", "OptionalLong", "OptionalDouble")) {
            library("java.util." + type, new String[] {"of", "empty"}, false);
        }
        library("java.util.Comparator", new String[] {"naturalOrder", "reverseOrder", "nullsFirst", "nullsLast",
                "comparing", "comparingInt", "comparingLong", "comparingDouble"}, false);
        library("java.util.UUID", new String[] {"fromString", "nameUUIDFromBytes"}, false);
        library("java.util.Locale", new String[] {"forLanguageTag", "of", "filter", "filterTags", "lookup", "lookupTag",
                "getAvailableLocales", "getISOCountries", "getISOLanguages"}, true);
        library("java.util.Currency", new String[] {"getInstance", "getAvailableCurrencies"}, false);
        library("java.util.TimeZone", new String[] {"getTimeZone", "getAvailableIDs"}, false);

        library("java.util.stream.Stream", new String[] {"of", "empty", "concat", "ofNullable", "builder"}, false);
        for (String type : List.of("IntStream", "LongStream")) {
            library("java.util.stream." + type, new String[] {"of", "empty", "concat", "range", "rangeClosed", "builder"}, false);
        }
        library("java.util.stream.DoubleStream", new String[] {"of", "empty", "concat", "builder"}, false);
        library("java.util.stream.Collectors", new String[] {"toList", "toSet", "toUnmodifiableList",
                "toUnmodifiableSet", "joining", "counting"}, false);

        for (String type : List.of("Instant", "Duration", "Period", "LocalDate", "LocalTime", "LocalDateTime",
                "ZonedDateTime", "OffsetDateTime", "OffsetTime", "ZoneId", "ZoneOffset", "DayOfWeek", "Month", "Year",
                "YearMonth", "MonthDay")) {
            library("java.time." + type, TIME_FACTORIES, false);
        }
        library("java.time.format.DateTimeFormatter", new String[] {"ofPattern", "ofLocalizedDate", "ofLocalizedTime",
                "ofLocalizedDateTime", "parsedExcessDays", "parsedLeapSecond"}, false);
        library("java.time.format.DateTimeFormatterBuilder", new String[] {"getLocalizedDateTimePattern"}, true);
        for (String type : List.of("FormatStyle", "TextStyle", "ResolverStyle", "SignStyle")) {
            library("java.time.format." + type, new String[] {"values", "valueOf"}, false);
        }
        for (String type : List.of("ChronoUnit", "ChronoField")) {
            library("java.time.temporal." + type, new String[] {"values", "valueOf"}, false);
        }
        library("java.time.temporal.TemporalAdjusters", new String[] {"firstDayOfMonth", "lastDayOfMonth",
                "firstDayOfNextMonth", "firstDayOfYear", "lastDayOfYear", "firstDayOfNextYear", "firstInMonth",
                "lastInMonth", "dayOfWeekInMonth", "next", "nextOrSame", "previous", "previousOrSame"}, false);
        library("java.time.temporal.ValueRange", new String[] {"of"}, false);
        library("java.time.temporal.WeekFields", new String[] {"of"}, false);
        for (String type : List.of("IsoFields", "Temporal", "TemporalAmount", "TemporalUnit", "TemporalAccessor",
                "TemporalAdjuster", "TemporalField")) {
            library("java.time.temporal." + type, none, false);
        }
    }

    private static void library(String type, String[] statics, boolean constructible) {
        LIBRARY.put(type, new LibraryType(Set.of(statics), constructible));
    }

    private static String[] staticsExcept(String type, String... refused) {
        return staticMethodNames(type).stream().filter(name -> !List.of(refused).contains(name)).toArray(String[]::new);
    }

    private static Set<String> staticMethodNames(String type) {
        try {
            return Arrays.stream(Class.forName(type).getMethods())
                    .filter(method -> Modifier.isStatic(method.getModifiers()))
                    .map(Method::getName).collect(Collectors.toSet());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Java lets an instance call its class's static methods ({@code TimeZone.getTimeZone("UTC").setDefault(...)},
     * {@code $instant.now()}), and the lint does not know an instance's type: so a static method of an allowed
     * class with instances that the allowlist does not offer is refused on any receiver. (An interface's static
     * methods and those of a class with no instances, such as Collections, can only be called on the type.)
     */
    private static final Set<String> STATICS_NOT_OFFERED = LIBRARY.entrySet().stream()
            .filter(entry -> hasInstances(entry.getKey()))
            .flatMap(entry -> staticMethodNames(entry.getKey()).stream().filter(name -> !entry.getValue().statics().contains(name)))
            .collect(Collectors.toUnmodifiableSet());

    private static boolean hasInstances(String type) {
        try {
            Class<?> loaded = Class.forName(type);
            return !loaded.isInterface() && Arrays.stream(loaded.getDeclaredMethods())
                    .anyMatch(method -> Modifier.isPublic(method.getModifiers()) && !Modifier.isStatic(method.getModifiers()));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    /** java.lang types a rule may name without importing them. */
    private static final Map<String, String> IMPLICIT = LIBRARY.keySet().stream()
            .filter(type -> type.startsWith("java.lang."))
            .collect(Collectors.toUnmodifiableMap(DrlAllowlist::simpleName, type -> type));

    private final Map<String, String> imported = new HashMap<>();
    private final List<String> wildcardPackages = new ArrayList<>();
    private final Set<String> declaredTypes;

    DrlAllowlist(Set<String> declaredTypes) {
        this.declaredTypes = declaredTypes;
    }

    /** Whether a DRL file may import {@code target}: a fact class, a library type or a package of either. */
    static boolean allowsImport(String target) {
        if (target.endsWith(".*")) {
            String pkg = target.substring(0, target.length() - 2);
            return FACT_PACKAGE.matcher(pkg).matches() || LIBRARY.keySet().stream().anyMatch(type -> packageOf(type).equals(pkg));
        }
        return FACT_CLASS.matcher(target).matches() || LIBRARY.containsKey(target);
    }

    /** Records an import {@link #allowsImport} allowed, so its simple names resolve. */
    void addImport(String target) {
        if (target.endsWith(".*")) {
            wildcardPackages.add(target.substring(0, target.length() - 2));
        } else {
            imported.put(simpleName(target), target);
        }
    }

    /** The type a simple name stands for in this file, if it is allowed. */
    Optional<AllowedType> simpleType(String name) {
        if (declaredTypes.contains(name)) {
            return Optional.of(new AllowedType(name, Origin.DECLARED));
        }
        if (imported.containsKey(name)) {
            return qualifiedType(imported.get(name));
        }
        if (IMPLICIT.containsKey(name)) {
            return qualifiedType(IMPLICIT.get(name));
        }
        // A wildcard import covers the classes its package really has.
        return wildcardPackages.stream().map(pkg -> pkg + "." + name)
                .filter(type -> LIBRARY.containsKey(type) || (FACT_CLASS.matcher(type).matches() && classExists(type)))
                .findFirst().flatMap(this::qualifiedType);
    }

    /** The allowed type a qualified name stands for, if it is one. */
    Optional<AllowedType> qualifiedType(String name) {
        if (FACT_CLASS.matcher(name).matches()) {
            return Optional.of(new AllowedType(name, Origin.FACT));
        }
        return LIBRARY.containsKey(name) ? Optional.of(new AllowedType(name, Origin.LIBRARY)) : Optional.empty();
    }

    /**
     * The member type {@code name} of {@code outer} ({@code Map.Entry}), if it has one. A fact's member types
     * are facts; a library type's are types only, with no static methods and no constructor.
     */
    Optional<AllowedType> memberType(AllowedType outer, String name) {
        if (outer.origin() == Origin.DECLARED || !classExists(binaryName(outer.name()) + "$" + name)) {
            return Optional.empty();
        }
        return Optional.of(new AllowedType(outer.name() + "." + name, outer.origin()));
    }

    /** Whether a rule may call static method {@code method} of {@code type}. */
    static boolean allowsStatic(AllowedType type, String method) {
        return switch (type.origin()) {
            case FACT -> true;
            case DECLARED -> false;
            case LIBRARY -> LIBRARY.containsKey(type.name()) && LIBRARY.get(type.name()).statics().contains(method);
        };
    }

    /** Whether a rule may construct {@code type} with {@code new}. */
    static boolean allowsNew(AllowedType type) {
        return switch (type.origin()) {
            case FACT, DECLARED -> true;
            case LIBRARY -> LIBRARY.containsKey(type.name()) && LIBRARY.get(type.name()).constructible();
        };
    }

    /**
     * Why a method or a property (read through its getter) of that name is refused on any receiver, if it is:
     * it reaches reflection, threads or the process, or it is a static method an allowed type does not offer.
     */
    static Optional<String> refusedMember(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        String capitalised = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (String candidate : List.of(name, "get" + capitalised, "is" + capitalised)) {
            if (DENIED_MEMBERS.contains(candidate) || candidate.startsWith(DENIED_PREFIX)) {
                return Optional.of("which reaches reflection, class loading, threads or the process");
            }
        }
        if (STATICS_NOT_OFFERED.contains(name)) {
            return Optional.of("which is a static method the allowlist does not offer (JVM-wide state, the clock, "
                    + "randomness or endless streams), and Java calls statics through an instance too");
        }
        return Optional.empty();
    }

    /** Whether {@code java.lang.<name>} exists: Java names it by its simple name in every file. */
    static boolean isJavaLangName(String name) {
        return classExists("java.lang." + name);
    }

    static boolean isOutcomesMethod(String name) {
        return OUTCOMES_METHODS.contains(name);
    }

    static boolean isBuiltInAccumulateFunction(String name) {
        return ACCUMULATE_FUNCTIONS.contains(name);
    }

    private static String packageOf(String type) {
        return type.substring(0, type.lastIndexOf('.'));
    }

    static String simpleName(String name) {
        return name.substring(name.lastIndexOf('.') + 1);
    }

    /** {@code a.b.Outer.Inner} as the class loader knows it, {@code a.b.Outer$Inner}. */
    private static String binaryName(String name) {
        StringBuilder binary = new StringBuilder();
        String[] parts = name.split("\\.");
        boolean inType = false;
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                binary.append(inType ? '$' : '.');
            }
            binary.append(parts[i]);
            inType |= Character.isUpperCase(parts[i].charAt(0));
        }
        return binary.toString();
    }

    private static boolean classExists(String name) {
        try {
            // Not initialised: naming a class must not run its static code.
            Class.forName(name, false, DrlAllowlist.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
