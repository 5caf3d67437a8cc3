#!/usr/bin/env python3
"""Fail when the project's own modules import each other in a circle.

Reads the imports of every module of the project's packages with ``ast``
(module-level and function-level imports alike: an import inside a function
that brings the importer back is still a circle, only a hidden one), builds
the graph of imports between those modules and lists every cycle.

    python scripts/check_import_cycles.py                 # the project's packages
    python scripts/check_import_cycles.py --root DIR pkg  # other packages under DIR

Exit status 0 without cycles, 1 with cycles (each printed as a -> b -> a).
"""

import argparse
import ast
import sys
from pathlib import Path

PACKAGES = ["home", "programmes", "cases", "menukaart", "intake", "ops", "config"]


def module_name(root, path):
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def find_modules(root, packages):
    """{dotted name: path} of every module in ``packages`` under ``root``."""
    modules = {}
    for package in packages:
        for path in sorted((root / package).rglob("*.py")):
            modules[module_name(root, path)] = path
    return modules


def imported_names(tree, module, is_package):
    """Every dotted name ``module`` imports, anywhere in its body, relative imports resolved."""
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".") if is_package else module.split(".")[:-1]
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module
            # "from a import b" imports the module a.b when there is one, else a name from a.
            for alias in node.names:
                if alias.name != "*":
                    names.append(f"{prefix}.{alias.name}" if prefix else alias.name)
            if prefix:
                names.append(prefix)
    return names


def resolve(name, modules):
    """The project module ``name`` refers to (itself or its nearest enclosing module), or None."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def import_graph(root, packages):
    modules = find_modules(root, packages)
    graph = {}
    for module, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        targets = {resolve(name, modules) for name in imported_names(tree, module, path.name == "__init__.py")}
        graph[module] = sorted(target for target in targets if target and target != module)
    return graph


def strongly_connected(graph):
    """Tarjan's algorithm (iterative): the groups of modules that reach each other."""
    index, low, on_stack, stack, groups = {}, {}, set(), [], []
    counter = 0
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(graph[start]))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(graph[child])))
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    group = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.append(member)
                        if member == node:
                            break
                    if len(group) > 1:
                        groups.append(sorted(group))
    return groups


def a_cycle(graph, group):
    """One concrete circle through the first module of ``group``, as a list ending where it starts."""
    members, start = set(group), group[0]
    paths, seen = [[start]], {start}
    while paths:
        path = paths.pop(0)
        for child in graph[path[-1]]:
            if child == start:
                return path + [start]
            if child in members and child not in seen:
                seen.add(child)
                paths.append(path + [child])
    return group


def cycles(root, packages):
    graph = import_graph(root, packages)
    return [a_cycle(graph, group) for group in strongly_connected(graph)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("packages", nargs="*", default=PACKAGES)
    args = parser.parse_args(argv)
    found = cycles(args.root, args.packages)
    for cycle in found:
        print("import cycle: " + " -> ".join(cycle))
    if found:
        print(f"{len(found)} import cycle(s) in {', '.join(args.packages)}", file=sys.stderr)
        return 1
    print(f"no import cycles in {', '.join(args.packages)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
