package com.trafficrules.engine;

import com.github.javaparser.Position;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The local variables a fragment declares, each with where Java can see it. Java reads a name as a local
 * only inside the local's block and after its declaration; elsewhere the same name is a type or a package
 * ({@code { Object System = null; } System.load(...)} calls java.lang.System), so that a fragment declares
 * a name somewhere is not enough.
 */
final class LocalVariables {

    /** A local: its name, the node it is visible in, and the position it is visible from. */
    private record Local(String name, Node scope, Position from) {
    }

    private final List<Local> locals = new ArrayList<>();

    private LocalVariables() {
    }

    static LocalVariables of(Node root) {
        LocalVariables variables = new LocalVariables();
        root.findAll(VariableDeclarator.class).forEach(variable -> variables.declare(variable));
        // Parameters of lambdas and catch clauses, which are refused themselves: their names are not a second finding.
        root.findAll(Parameter.class).forEach(parameter -> parameter.getParentNode().ifPresent(owner ->
                parameter.getBegin().ifPresent(from -> variables.locals.add(new Local(parameter.getNameAsString(), owner, from)))));
        return variables;
    }

    /** Whether {@code name} is a local variable where {@code usage} is. */
    boolean isLocalAt(String name, Node usage) {
        return usage.getBegin().isPresent() && locals.stream().anyMatch(local -> local.name().equals(name)
                && local.scope().isAncestorOf(usage) && local.from().isBefore(usage.getBegin().get()));
    }

    private void declare(VariableDeclarator variable) {
        Optional<Position> from = variable.getName().getEnd();
        Node node = variable;
        while (node.getParentNode().isPresent() && from.isPresent()) {
            Node parent = node.getParentNode().get();
            if (node instanceof Statement && parent instanceof BlockStmt) {
                locals.add(new Local(variable.getNameAsString(), parent, from.get()));
                return;
            }
            if (node instanceof Statement && parent instanceof SwitchEntry entry && entry.getParentNode().isPresent()) {
                // A local of one case of an old-style switch is visible in the cases after it.
                locals.add(new Local(variable.getNameAsString(), entry.getParentNode().get(), from.get()));
                return;
            }
            node = parent;
        }
    }
}
