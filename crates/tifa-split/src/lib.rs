//! Splits the built Wasm in two, by a profile of what ran while the page started.
//!
//! The page needs only part of its Wasm to draw and answer: the library, search and the two
//! readers. The analysis views, the JavaScript API and the exports can arrive a moment later.
//! Trunk cannot split a module (its issue #1022), so the built module is split after the fact
//! (`pwa/split.mjs` drives the three steps):
//!
//! 1. [`instrument`] makes a copy in which every function, on its first entry, reports its
//!    number to the import `__tifa_profile.mark(i32)`.
//! 2. That copy is driven through the start-up paths in a browser. The functions that ran are
//!    the profile: one byte per function of the module, 1 if it ran.
//! 3. [`split`] keeps those functions in the *primary* module and moves every other one into a
//!    *secondary* module. In the primary, a moved function keeps its place (its index, its table
//!    slots, its exports) but its body becomes a stub: load the secondary if that has not been
//!    done (the import `__tifa_split.load`), then call the real function through the function
//!    table, in the slot the secondary filled when it was instantiated.
//!
//! **Correctness never depends on the profile.** A function the profile missed is still there, a
//! moment later: its stub loads the secondary first. The profile only decides what is in the
//! first download.
//!
//! The secondary owns nothing: it imports the primary's memory, tables and globals, and every
//! function of the primary it calls, under the names `m<i>`, `t<i>`, `g<i>` and `f<i>` (the
//! item's index in the input module) from the namespace `primary`; the primary exports exactly
//! those. Data stays in the primary.
//!
//! ```no_run
//! let built = std::fs::read("dist/tifa_bg.wasm")?;
//! let (instrumented, functions) = tifa_split::instrument(&built)?;
//! // ... run `instrumented` in a browser, one byte per function: 1 if it ran ...
//! let profile = vec![1u8; functions];
//! let split = tifa_split::split(&built, &profile)?;
//! assert_eq!(split.moved, 0);
//! # Ok::<(), anyhow::Error>(())
//! ```

use anyhow::{bail, ensure, Context, Result};
use std::collections::HashSet;
use walrus::ir::{Instr, InstrSeqType, UnaryOp, Value, Visitor};
use walrus::{
    ConstExpr, DataKind, ElementItems, ElementKind, FunctionId, FunctionKind, GlobalKind,
    ImportKind, ImportedFunction, LocalFunction, Module, ModuleConfig, ValType,
};

/// The import every instrumented function calls on entry with its number: `(i32) -> ()`.
pub const PROFILE_IMPORT: (&str, &str) = ("__tifa_profile", "mark");
/// The import a stub calls before its first forward: `() -> ()`, returns once the secondary is
/// instantiated (it throws if it cannot be).
pub const LOAD_IMPORT: (&str, &str) = ("__tifa_split", "load");
/// The namespace the secondary imports the primary's exports from.
pub const PRIMARY: &str = "primary";

/// The two modules, and how many of the input's functions went where.
#[derive(Debug)]
pub struct Split {
    pub primary: Vec<u8>,
    pub secondary: Vec<u8>,
    /// Functions whose bodies stayed in the primary.
    pub kept: usize,
    /// Functions whose bodies moved to the secondary (a stub stands in for each).
    pub moved: usize,
    /// Functions the profile did not see that stay all the same (see [`split`] and
    /// [`split_keeping`]).
    pub pinned: usize,
    /// Of the input's functions, how many have a name.
    pub named: usize,
}

fn parse(bytes: &[u8]) -> Result<Module> {
    let mut config = ModuleConfig::new();
    config
        .generate_name_section(false)
        .generate_producers_section(false);
    config
        .parse(bytes)
        .context("not a Wasm module this tool can read")
}

/// The module's own (not imported) functions, in module order: the numbering of the profile.
fn local_functions(module: &Module) -> Vec<FunctionId> {
    module.funcs.iter_local().map(|(id, _)| id).collect()
}

/// Every function, imported ones first, in the input's index space.
fn all_functions(module: &Module) -> Vec<FunctionId> {
    let mut all: Vec<FunctionId> = module
        .funcs
        .iter()
        .filter(|f| matches!(f.kind, FunctionKind::Import(_)))
        .map(|f| f.id())
        .collect();
    all.extend(local_functions(module));
    all
}

/// Each of the module's own functions, in profile order: its name, if the module names it.
pub fn names(input: &[u8]) -> Result<Vec<Option<String>>> {
    let module = parse(input)?;
    Ok(local_functions(&module)
        .into_iter()
        .map(|id| module.funcs.get(id).name.clone())
        .collect())
}

/// A copy of `input` in which each of its own functions calls [`PROFILE_IMPORT`] with its
/// number on its first entry (a flag of its own makes later entries cost a test); also
/// returns how many functions are numbered (the profile's length).
pub fn instrument(input: &[u8]) -> Result<(Vec<u8>, usize)> {
    let mut module = parse(input)?;
    let locals = local_functions(&module);
    let ty = module.types.add(&[ValType::I32], &[]);
    let (mark, _) = module.add_import_func(PROFILE_IMPORT.0, PROFILE_IMPORT.1, ty);
    for (number, id) in locals.iter().enumerate() {
        let number = i32::try_from(number).context("too many functions")?;
        let seen =
            module
                .globals
                .add_local(ValType::I32, true, false, ConstExpr::Value(Value::I32(0)));
        let function = module.funcs.get_mut(*id).kind.unwrap_local_mut();
        let entry = function.entry_block();
        let body = std::mem::take(&mut function.block_mut(entry).instrs);
        function
            .builder_mut()
            .instr_seq(entry)
            .global_get(seen)
            .unop(UnaryOp::I32Eqz)
            .if_else(
                InstrSeqType::Simple(None),
                |then| {
                    then.i32_const(number)
                        .call(mark)
                        .i32_const(1)
                        .global_set(seen);
                },
                |_| {},
            );
        function.block_mut(entry).instrs.extend(body);
    }
    Ok((module.emit_wasm(), locals.len()))
}

/// Finds what a function body refers to that cannot be moved: a segment by index
/// (`memory.init`, `data.drop`, `table.init`, `elem.drop`), which the secondary does not have,
/// or a function reference (`ref.func`), which would have to be declared there.
#[derive(Default)]
struct Unmovable(bool);

impl<'a> Visitor<'a> for Unmovable {
    fn visit_instr(&mut self, instr: &'a Instr, _: &'a walrus::InstrLocId) {
        if matches!(
            instr,
            Instr::MemoryInit(_)
                | Instr::DataDrop(_)
                | Instr::TableInit(_)
                | Instr::ElemDrop(_)
                | Instr::RefFunc(_)
        ) {
            self.0 = true;
        }
    }
}

fn movable(function: &LocalFunction) -> bool {
    let mut visitor = Unmovable::default();
    walrus::ir::dfs_in_order(&mut visitor, function, function.entry_block());
    !visitor.0
}

/// Splits `input` by `profile` (one byte per function of the module, as numbered by
/// [`instrument`]: 1 if it ran, 0 if not).
///
/// A function that did not run stays all the same (is *pinned*) if it is the start function or
/// refers to a segment or function by index (see `Unmovable`); none does in the app's build.
///
/// # Errors
/// If `input` is not a module, has no function table or a passive data segment, or if the
/// profile does not match it (another build's profile, or not bytes of 0 and 1).
pub fn split(input: &[u8], profile: &[u8]) -> Result<Split> {
    split_keeping(input, profile, &[])
}

/// [`split`], also keeping in the primary every function whose name (in the module's name
/// section) contains one of `keep`: code whose path depends on the data it is given (a
/// stemmer's rules, say), which no profile can walk through whole.
pub fn split_keeping(input: &[u8], profile: &[u8], keep: &[&str]) -> Result<Split> {
    let mut primary = parse(input)?;
    let locals = local_functions(&primary);
    ensure!(
        profile.len() == locals.len(),
        "the profile has {} entries but the module has {} functions: is it another build's?",
        profile.len(),
        locals.len()
    );
    if let Some(at) = profile.iter().position(|b| *b > 1) {
        bail!("the profile's entry {at} is {}, not 0 or 1", profile[at]);
    }
    if primary
        .data
        .iter()
        .any(|d| !matches!(d.kind, DataKind::Active { .. }))
    {
        bail!("the module has a passive data segment, which a split cannot share");
    }
    let table = primary
        .tables
        .main_function_table()?
        .context("the module has no function table")?;
    let base = primary.tables.get(table).initial;

    let named = locals
        .iter()
        .filter(|id| primary.funcs.get(**id).name.is_some())
        .count();
    let mut moved = Vec::new();
    let mut pinned = 0;
    for (number, id) in locals.iter().enumerate() {
        if profile[number] == 1 {
            continue;
        }
        let function = primary.funcs.get(*id);
        let named = function
            .name
            .as_deref()
            .is_some_and(|name| keep.iter().any(|k| name.contains(k)));
        if named || primary.start == Some(*id) || !movable(function.kind.unwrap_local()) {
            pinned += 1;
            continue;
        }
        moved.push(number);
    }
    let count = u64::try_from(moved.len())?;

    let (secondary, needs) = secondary(input, &moved, base, base + count)?;

    // The primary: a larger table, a flag, the loader's import, a stub for each moved function,
    // and an export for each item the secondary imports.
    let functions = all_functions(&primary);
    let globals: Vec<_> = primary.globals.iter().map(|g| g.id()).collect();
    let memories: Vec<_> = primary.memories.iter().map(|m| m.id()).collect();
    let tables: Vec<_> = primary.tables.iter().map(|t| t.id()).collect();
    {
        let t = primary.tables.get_mut(table);
        t.initial = base + count;
        if let Some(maximum) = t.maximum.as_mut() {
            *maximum = (*maximum).max(base + count);
        }
    }
    let loaded =
        primary
            .globals
            .add_local(ValType::I32, true, false, ConstExpr::Value(Value::I32(0)));
    let unit = primary.types.add(&[], &[]);
    let (load, _) = primary.add_import_func(LOAD_IMPORT.0, LOAD_IMPORT.1, unit);
    for (slot, number) in moved.iter().enumerate() {
        let id = locals[*number];
        let ty = primary.funcs.get(id).ty();
        let function = primary.funcs.get_mut(id).kind.unwrap_local_mut();
        let args = function.args.clone();
        let entry = function.entry_block();
        function.block_mut(entry).instrs.clear();
        let mut body = function.builder_mut().instr_seq(entry);
        body.global_get(loaded).unop(UnaryOp::I32Eqz).if_else(
            InstrSeqType::Simple(None),
            |then| {
                then.call(load).i32_const(1).global_set(loaded);
            },
            |_| {},
        );
        for arg in args {
            body.local_get(arg);
        }
        let slot = i32::try_from(base + u64::try_from(slot)?)?;
        body.i32_const(slot).call_indirect(ty, table);
    }
    let taken: HashSet<String> = primary.exports.iter().map(|e| e.name.clone()).collect();
    for name in needs {
        ensure!(
            !taken.contains(&name),
            "the module already exports a `{name}`"
        );
        let index: usize = name[1..].parse()?;
        match &name[..1] {
            "f" => primary.exports.add(&name, functions[index]),
            "g" => primary.exports.add(&name, globals[index]),
            "m" => primary.exports.add(&name, memories[index]),
            "t" => primary.exports.add(&name, tables[index]),
            _ => bail!("unexpected import `{name}` in the secondary"),
        };
    }
    walrus::passes::gc::run(&mut primary);
    Ok(Split {
        primary: primary.emit_wasm(),
        secondary,
        kept: locals.len() - moved.len(),
        moved: moved.len(),
        pinned,
        named,
    })
}

/// The secondary: the moved functions (numbers into the input's own functions), written by an
/// active segment into the primary's function table from `base`; everything else imported.
/// Also returns the names it imports from [`PRIMARY`].
fn secondary(
    input: &[u8],
    moved: &[usize],
    base: u64,
    size: u64,
) -> Result<(Vec<u8>, Vec<String>)> {
    let mut module = parse(input)?;
    let locals = local_functions(&module);
    let moved: Vec<FunctionId> = moved.iter().map(|n| locals[*n]).collect();
    let keep: HashSet<FunctionId> = moved.iter().copied().collect();
    let table = module
        .tables
        .main_function_table()?
        .context("the module has no function table")?;

    for (index, id) in all_functions(&module).into_iter().enumerate() {
        if keep.contains(&id) {
            continue;
        }
        let name = format!("f{index}");
        let ty = module.funcs.get(id).ty();
        let existing = match &module.funcs.get(id).kind {
            FunctionKind::Import(imported) => Some(imported.import),
            FunctionKind::Local(_) => None,
            FunctionKind::Uninitialized(_) => bail!("function {index} was never defined"),
        };
        let import = from_primary(&mut module, existing, &name, ImportKind::Function(id));
        module.funcs.get_mut(id).kind = FunctionKind::Import(ImportedFunction { import, ty });
    }
    let globals: Vec<_> = module.globals.iter().map(|g| g.id()).collect();
    for (index, id) in globals.into_iter().enumerate() {
        let name = format!("g{index}");
        let existing = match module.globals.get(id).kind {
            GlobalKind::Import(import) => Some(import),
            GlobalKind::Local(_) => None,
        };
        let import = from_primary(&mut module, existing, &name, ImportKind::Global(id));
        module.globals.get_mut(id).kind = GlobalKind::Import(import);
    }
    let data: Vec<_> = module.data.iter().map(|d| d.id()).collect();
    for id in data {
        module.data.delete(id);
    }
    let memories: Vec<_> = module.memories.iter().map(|m| m.id()).collect();
    for (index, id) in memories.into_iter().enumerate() {
        let name = format!("m{index}");
        let existing = module.memories.get(id).import;
        let import = from_primary(&mut module, existing, &name, ImportKind::Memory(id));
        let memory = module.memories.get_mut(id);
        memory.import = Some(import);
        memory.maximum = None;
        memory.data_segments.clear();
    }
    let elements: Vec<_> = module.elements.iter().map(|e| e.id()).collect();
    for id in elements {
        module.elements.delete(id);
    }
    let tables: Vec<_> = module.tables.iter().map(|t| t.id()).collect();
    for (index, id) in tables.into_iter().enumerate() {
        let name = format!("t{index}");
        let existing = module.tables.get(id).import;
        let import = from_primary(&mut module, existing, &name, ImportKind::Table(id));
        let t = module.tables.get_mut(id);
        t.import = Some(import);
        t.maximum = None;
        t.init = None;
        t.elem_segments.clear();
        if id == table {
            t.initial = size;
        }
    }
    let exports: Vec<_> = module.exports.iter().map(|e| e.id()).collect();
    for id in exports {
        module.exports.delete(id);
    }
    module.start = None;
    let customs: Vec<_> = module.customs.iter().map(|(id, _)| id).collect();
    for id in customs {
        module.customs.delete(id);
    }
    let offset = ConstExpr::Value(Value::I32(i32::try_from(base)?));
    let segment = module.elements.add(
        ElementKind::Active { table, offset },
        ElementItems::Functions(moved),
    );
    module.tables.get_mut(table).elem_segments.insert(segment);
    walrus::passes::gc::run(&mut module);
    let needs = module
        .imports
        .iter()
        .filter(|i| i.module == PRIMARY)
        .map(|i| i.name.clone())
        .collect();
    Ok((module.emit_wasm(), needs))
}

/// `kind`'s import from [`PRIMARY`] as `name`: its `existing` import renamed, or a new one.
fn from_primary(
    module: &mut Module,
    existing: Option<walrus::ImportId>,
    name: &str,
    kind: ImportKind,
) -> walrus::ImportId {
    match existing {
        Some(id) => {
            let import = module.imports.get_mut(id);
            import.module = PRIMARY.to_string();
            import.name = name.to_string();
            id
        }
        None => module.imports.add(PRIMARY, name, kind),
    }
}
