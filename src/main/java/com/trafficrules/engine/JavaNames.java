package com.trafficrules.engine;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.trafficrules.engine.DrlAllowlist.AllowedType;
import com.trafficrules.engine.JavaFragmentChecker.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the dotted names of one fragment ({@code a.b.c}) stand for, the way Java reads them: a local (where it
 * is visible), a binding of the rule, the {@code outcomes} global, in a constraint a property of the
 * constrained fact, an allowed type or a static field of one. A name that is none of these is reported, and
 * so is a member read on a value that reaches reflection, threads or the process.
 */
final class JavaNames {

    /** What a dotted name turned out to be. */
    enum Meaning { REFUSED, VALUE, OUTCOMES, TYPE, STATIC_FIELD }

    /** A dotted name's meaning, and for a type or its static field, the type. */
    record Resolution(Meaning meaning, AllowedType type) {
        static final Resolution REFUSED = new Resolution(Meaning.REFUSED, null);
        static final Resolution VALUE = new Resolution(Meaning.VALUE, null);
        static final Resolution OUTCOMES = new Resolution(Meaning.OUTCOMES, null);
    }

    /** Where refusals go: the node, and what it does (appended to the fragment's name). */
    interface Refusals {
        void refuse(Node at, String what);
    }

    private static final Set<String> ENGINE_RUNTIME = Set.of("drools", "kcontext");

    private final DrlAllowlist allowlist;
    private final Kind kind;
    private final Set<String> bindings;
    private final LocalVariables locals;
    private final Refusals refusals;

    JavaNames(DrlAllowlist allowlist, Kind kind, Set<String> bindings, LocalVariables locals, Refusals refusals) {
        this.allowlist = allowlist;
        this.kind = kind;
        this.bindings = bindings;
        this.locals = locals;
        this.refusals = refusals;
    }

    /** {@code a.b.c} as its names, when the expression is a name or a chain of field reads on one. */
    static Optional<List<String>> dottedName(Expression expression) {
        List<String> names = new ArrayList<>();
        Expression current = expression;
        while (current instanceof FieldAccessExpr access) {
            names.add(0, access.getNameAsString());
            current = access.getScope();
        }
        if (!(current instanceof NameExpr name)) {
            return Optional.empty();
        }
        names.add(0, name.getNameAsString());
        return Optional.of(names);
    }

    boolean isLocalAt(String name, Node usage) {
        return locals.isLocalAt(name, usage);
    }

    /** Works out what the dotted name {@code names} at {@code at} is, checking the members read after a value. */
    Resolution resolve(List<String> names, Node at) {
        String first = names.get(0);
        if (ENGINE_RUNTIME.contains(first)) {
            refusals.refuse(at, " uses " + first + ", which reaches the engine runtime; report through outcomes");
            return Resolution.REFUSED;
        }
        boolean variable = locals.isLocalAt(first, at) || bindings.contains(first);
        if (first.equals(Outcomes.GLOBAL) && !variable) {
            return resolveOutcomes(names, at);
        }
        if (variable) {
            return readsAllowedMembers(names, 1, at) ? Resolution.VALUE : Resolution.REFUSED;
        }
        int typeEnd = firstCapitalised(names);
        if (typeEnd < 0 || first.startsWith("$")) {
            if (kind == Kind.CONSTRAINT && !first.startsWith("$")) {
                // A property of the constrained fact (and properties of properties).
                return readsAllowedMembers(names, 0, at) ? Resolution.VALUE : Resolution.REFUSED;
            }
            refusals.refuse(at, " uses " + first + ", which is neither a local variable, a binding of the rule nor an allowed type");
            return Resolution.REFUSED;
        }
        Optional<TypeRef> type = typeAt(names, typeEnd);
        if (type.isEmpty()) {
            refuseType(at, String.join(".", names.subList(0, typeEnd + 1)), typeEnd == 0);
            return Resolution.REFUSED;
        }
        int used = type.get().names();
        if (used == names.size()) {
            return new Resolution(Meaning.TYPE, type.get().type());
        }
        // names[used] is a static field of the type (Severity.CRITICAL); what follows is read from its value.
        return readsAllowedMembers(names, used + 1, at) ? new Resolution(Meaning.STATIC_FIELD, type.get().type())
                : Resolution.REFUSED;
    }

    /** The allowed type a type written in the code stands for; reported when there is none. */
    Optional<AllowedType> resolveType(ClassOrInterfaceType written) {
        String name = written.getNameWithScope();
        List<String> names = List.of(name.split("\\."));
        int typeEnd = firstCapitalised(names);
        Optional<TypeRef> type = typeEnd < 0 ? Optional.empty() : typeAt(names, typeEnd);
        if (type.isPresent() && type.get().names() == names.size()) {
            return Optional.of(type.get().type());
        }
        refuseType(written, name, names.size() == 1);
        return Optional.empty();
    }

    /** Reports {@code member} called or read ({@code verb}) on a value, if no receiver may have it. */
    void checkMember(Node at, String member, String verb) {
        DrlAllowlist.refusedMember(member).ifPresent(reason -> refusals.refuse(at, verb + member + ", " + reason));
    }

    private Resolution resolveOutcomes(List<String> names, Node at) {
        if (kind != Kind.CONSEQUENCE) {
            refusals.refuse(at, " uses outcomes: only a consequence reports outcomes");
            return Resolution.REFUSED;
        }
        if (names.size() > 1) {
            refusals.refuse(at, " reads outcomes." + names.get(1) + ": rules only call the methods of " + DrlAllowlist.OUTCOMES_TYPE);
            return Resolution.REFUSED;
        }
        return Resolution.OUTCOMES;
    }

    private boolean readsAllowedMembers(List<String> names, int from, Node at) {
        for (String member : names.subList(from, names.size())) {
            Optional<String> refused = DrlAllowlist.refusedMember(member);
            if (refused.isPresent()) {
                refusals.refuse(at, " reads " + member + ", " + refused.get());
                return false;
            }
        }
        return true;
    }

    /** An allowed type, and how many of the names it took (its own and those of member types such as Map.Entry). */
    private record TypeRef(AllowedType type, int names) {
    }

    /** The allowed type {@code names[0..typeEnd]} stand for, then the member types that follow it. */
    private Optional<TypeRef> typeAt(List<String> names, int typeEnd) {
        String typeName = String.join(".", names.subList(0, typeEnd + 1));
        Optional<AllowedType> type = typeEnd == 0 ? allowlist.simpleType(typeName) : allowlist.qualifiedType(typeName);
        if (type.isEmpty()) {
            return Optional.empty();
        }
        AllowedType resolved = type.get();
        int next = typeEnd + 1;
        for (Optional<AllowedType> member; next < names.size()
                && (member = allowlist.memberType(resolved, names.get(next))).isPresent(); next++) {
            resolved = member.get();
        }
        return Optional.of(new TypeRef(resolved, next));
    }

    private void refuseType(Node at, String name, boolean simple) {
        refusals.refuse(at, " uses " + name + (simple
                ? ", which is neither a fact class nor an allowed java.time/java.util/java.lang type"
                : ", which is not on the allowlist"));
    }

    private static int firstCapitalised(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (Character.isUpperCase(names.get(i).charAt(0))) {
                return i;
            }
        }
        return -1;
    }
}
