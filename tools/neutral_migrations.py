"""Makes EF Core migrations generated with the SQLite provider run on PostgreSQL too (ADR 0003).

- Column types are removed, so each provider maps the CLR type itself when the migration runs.
- Migration classes are internal (a module's public surface is its entry points, ADR 0012).
- Integer identity columns get the Npgsql identity annotation next to SQLite's autoincrement, in the
  migration and in the model snapshot, so neither provider sees a pending change.
Idempotent: running it twice changes nothing.
"""
import pathlib
import re
import sys

NPGSQL_USING = "using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;\n"
IDENTITY = '.Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn)'


def neutral_migration(text: str) -> str:
    # A module's public surface is its entry points (ADR 0012): migrations are found by EF Core, not by callers.
    text = text.replace("\n    public partial class ", "\n    internal partial class ")
    text = re.sub(r'type: "[^"]*", ', "", text)
    # AddColumn and friends put each argument on a line of its own
    text = re.sub(r'\n\s*type: "[^"]*",(?=\n)', "", text)
    if '.Annotation("Sqlite:Autoincrement", true)' in text and IDENTITY not in text:
        text = re.sub(r'(\n(\s*)\.Annotation\("Sqlite:Autoincrement", true\))',
                      lambda m: m.group(1) + "\n" + m.group(2) + IDENTITY, text)
        text = add_using(text)
    return text


def neutral_model(text: str) -> str:
    lines = text.split("\n")
    out = []
    for line in lines:
        m = re.match(r'^(\s*)\.HasColumnType\("[^"]*"\)(;?)$', line)
        if m:
            if m.group(2):
                out[-1] = out[-1] + ";"
            continue
        out.append(line)
    text = "\n".join(out)
    # b.Property<int>("Id")\n .ValueGeneratedOnAdd()... ; -> add Npgsql identity for integer keys generated on add
    def add_identity(m):
        block, var, prop_type, prop = m.group(0), m.group(1), m.group(2), m.group(3)
        marker = f'NpgsqlPropertyBuilderExtensions.UseIdentityByDefaultColumn({var}.Property<{prop_type}>("{prop}"));'
        if marker in text:
            return block
        indent = re.search(r"[ \t]*(?=\w+\.Property)", block).group(0)
        return block + "\n\n" + indent + marker
    pattern = r'[ \t]*(\w+)\.Property<(int|long)>\("(\w+)"\)\s*\n\s*\.ValueGeneratedOnAdd\(\)[^;]*;'
    new_text = re.sub(pattern, add_identity, text)
    if new_text != text:
        new_text = add_using(new_text)
    return new_text


def add_using(text: str) -> str:
    if NPGSQL_USING in text:
        return text
    return re.sub(r"(using Microsoft\.EntityFrameworkCore[^\n]*\n)", lambda m: m.group(1) + NPGSQL_USING, text, count=1)


def main(folder: str) -> None:
    for path in sorted(pathlib.Path(folder).glob("*.cs")):
        text = path.read_text(encoding="utf-8-sig")
        is_model = path.name.endswith(".Designer.cs") or path.name.endswith("ModelSnapshot.cs")
        new = neutral_model(text) if is_model else neutral_migration(text)
        if new != text:
            path.write_text(new, encoding="utf-8")
            print(f"neutralised {path}")


if __name__ == "__main__":
    main(sys.argv[1])
