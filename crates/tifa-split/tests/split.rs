//! The split at its boundary: a small module with everything the built app has (a memory
//! with data, a mutable global, an imported function, a function table with a segment, a
//! direct call between two moved functions, a function reference), split by a profile; both
//! outputs must parse (walrus validates them) and be wired to each other. The end-to-end
//! tests run the app's own split in Chromium and Firefox.

use walrus::ir::{Instr, Value};
use walrus::{
    ConstExpr, DataKind, ElementItems, ElementKind, ExportItem, FunctionBuilder, FunctionId,
    FunctionKind, Module, ModuleConfig, RefType, ValType,
};

struct Fixture {
    bytes: Vec<u8>,
    /// The numbers in the profile (the order in the emitted module) of those that do not run.
    helper: usize,
    indirect: usize,
    referrer: usize,
    /// The indices the secondary imports them by (imports come first).
    leaf_index: usize,
    log_index: usize,
}

fn fixture() -> Fixture {
    let mut m = Module::default();
    let memory = m.memories.add_local(false, false, 1, None, None);
    m.exports.add("memory", memory);
    m.data.add(
        DataKind::Active {
            memory,
            offset: ConstExpr::Value(Value::I32(16)),
        },
        b"tifa".to_vec(),
    );
    let sp = m.globals.add_local(
        ValType::I32,
        true,
        false,
        ConstExpr::Value(Value::I32(1024)),
    );
    let log_ty = m.types.add(&[ValType::I32], &[]);
    let (log, _) = m.add_import_func("env", "log", log_ty);

    // Defined in this order: their numbers in the profile are 0, 1, 2, 3, 4.
    let mut b = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
    let x = m.locals.add(ValType::I32);
    b.func_body().local_get(x);
    let run_placeholder = b.finish(vec![x], &mut m.funcs);

    let mut b = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
    let y = m.locals.add(ValType::I32);
    b.func_body().local_get(y);
    b.name("fixture::helper".to_string());
    let helper = b.finish(vec![y], &mut m.funcs);

    let mut b = FunctionBuilder::new(&mut m.types, &[], &[ValType::I32]);
    b.func_body().i32_const(7);
    let leaf = b.finish(vec![], &mut m.funcs);

    let mut b = FunctionBuilder::new(&mut m.types, &[ValType::I32], &[ValType::I32]);
    let z = m.locals.add(ValType::I32);
    b.func_body().local_get(z).call(helper);
    let indirect = b.finish(vec![z], &mut m.funcs);

    let mut b = FunctionBuilder::new(&mut m.types, &[], &[]);
    b.func_body().ref_func(leaf).drop();
    let referrer = b.finish(vec![], &mut m.funcs);

    // The bodies that call forward, now that every function exists.
    let memory_arg = walrus::ir::MemArg {
        align: 4,
        offset: 0,
    };
    let set_body =
        |m: &mut Module, id: FunctionId, build: &dyn Fn(&mut walrus::InstrSeqBuilder)| {
            let f = m.funcs.get_mut(id).kind.unwrap_local_mut();
            let entry = f.entry_block();
            f.block_mut(entry).instrs.clear();
            build(&mut f.builder_mut().instr_seq(entry));
        };
    set_body(&mut m, run_placeholder, &|b| {
        b.local_get(x)
            .call(helper)
            .call(leaf)
            .binop(walrus::ir::BinaryOp::I32Add);
    });
    set_body(&mut m, helper, &|b| {
        b.local_get(y)
            .call(log)
            .global_get(sp)
            .load(
                memory,
                walrus::ir::LoadKind::I32 { atomic: false },
                memory_arg,
            )
            .call(leaf)
            .binop(walrus::ir::BinaryOp::I32Add);
    });
    m.exports.add("run", run_placeholder);
    m.exports.add("referrer", referrer);
    // Named so the test can find each after emission (which may order them otherwise).
    m.exports.add("helper", helper);
    m.exports.add("leaf", leaf);
    m.exports.add("indirect", indirect);

    let table = m.tables.add_local(false, 2, Some(2), RefType::FUNCREF);
    let segment = m.elements.add(
        ElementKind::Active {
            table,
            offset: ConstExpr::Value(Value::I32(0)),
        },
        ElementItems::Functions(vec![leaf, indirect]),
    );
    m.tables.get_mut(table).elem_segments.insert(segment);
    // `ref.func` needs its function declared.
    m.elements
        .add(ElementKind::Declared, ElementItems::Functions(vec![leaf]));

    let bytes = m.emit_wasm();
    let parsed = parse(&bytes);
    let locals: Vec<FunctionId> = parsed.funcs.iter_local().map(|(id, _)| id).collect();
    let number = |name: &str| {
        let id = parsed.exports.get_func(name).unwrap();
        locals.iter().position(|l| *l == id).unwrap()
    };
    Fixture {
        helper: number("helper"),
        indirect: number("indirect"),
        referrer: number("referrer"),
        leaf_index: 1 + number("leaf"),
        log_index: 0,
        bytes,
    }
}

fn parse(bytes: &[u8]) -> Module {
    ModuleConfig::new().parse(bytes).expect("a valid module")
}

/// A profile in which all ran but `not_run`.
fn profile(not_run: &[usize]) -> Vec<u8> {
    let mut p = vec![1u8; 5];
    for n in not_run {
        p[*n] = 0;
    }
    p
}

fn calls_indirect(m: &Module, id: FunctionId) -> bool {
    let f = m.funcs.get(id).kind.unwrap_local();
    let entry = f.block(f.entry_block());
    entry
        .instrs
        .iter()
        .any(|(i, _)| matches!(i, Instr::CallIndirect(_)))
}

#[test]
fn instrumented_functions_report_their_number_on_first_entry() {
    let f = fixture();
    let (bytes, functions) = tifa_split::instrument(&f.bytes).unwrap();
    assert_eq!(functions, 5);
    let m = parse(&bytes);
    let mark = m
        .imports
        .iter()
        .find(|i| (i.module.as_str(), i.name.as_str()) == tifa_split::PROFILE_IMPORT)
        .expect("the profile's import");
    let walrus::ImportKind::Function(mark) = mark.kind else {
        panic!("not a function")
    };
    for (number, (_, local)) in m.funcs.iter_local().enumerate() {
        // global.get (its flag); i32.eqz; if (i32.const number; call mark; set the flag)
        let entry = &local.block(local.entry_block()).instrs;
        let Instr::IfElse(branch) = &entry[2].0 else {
            panic!("function {number} starts with {:?}", &entry[..3]);
        };
        let then = &local.block(branch.consequent).instrs;
        assert!(
            matches!(then[0].0, Instr::Const(ref c) if matches!(c.value, Value::I32(n) if n as usize == number))
        );
        assert!(matches!(then[1].0, Instr::Call(ref c) if c.func == mark));
    }
}

#[test]
fn what_did_not_run_moves_and_each_side_names_what_the_other_gives() {
    let f = fixture();
    let split = tifa_split::split(&f.bytes, &profile(&[f.helper, f.indirect, f.referrer])).unwrap();
    // helper and indirect moved; referrer did not run but holds a `ref.func`: it stays.
    assert_eq!((split.kept, split.moved, split.pinned), (3, 2, 1));

    let rest = parse(&split.secondary);
    assert_eq!(rest.exports.iter().count(), 0, "the rest exports nothing");
    assert_eq!(rest.data.iter().count(), 0, "data stays in the primary");
    assert_eq!(rest.funcs.iter_local().count(), 2);
    let mut needs: Vec<String> = rest
        .imports
        .iter()
        .map(|i| {
            assert_eq!(i.module, tifa_split::PRIMARY);
            i.name.clone()
        })
        .collect();
    needs.sort();
    // The memory, the table, the global, the leaf and the imported `log` (index 0), which
    // the primary re-exports.
    let leaf_index = f.leaf_index;
    let mut expected = vec![
        "m0".to_string(),
        "t0".to_string(),
        "g0".to_string(),
        format!("f{leaf_index}"),
        format!("f{}", f.log_index),
    ];
    expected.sort();
    assert_eq!(needs, expected);
    let segments: Vec<_> = rest.elements.iter().collect();
    assert_eq!(segments.len(), 1);
    match (&segments[0].kind, &segments[0].items) {
        (ElementKind::Active { offset, .. }, ElementItems::Functions(items)) => {
            // Written after the table's two slots.
            assert!(matches!(offset, ConstExpr::Value(Value::I32(2))));
            assert_eq!(items.len(), 2);
        }
        other => panic!("unexpected segment {other:?}"),
    }

    let primary = parse(&split.primary);
    let table = primary.tables.main_function_table().unwrap().unwrap();
    assert_eq!(primary.tables.get(table).initial, 4);
    assert!(primary
        .imports
        .iter()
        .any(|i| (i.module.as_str(), i.name.as_str()) == tifa_split::LOAD_IMPORT));
    for name in &needs {
        assert!(
            primary.exports.iter().any(|e| &e.name == name),
            "the primary exports {name}"
        );
    }
    // Its own exports are still there; the moved functions are stubs in their places.
    for (name, stub) in [
        ("run", false),
        ("leaf", false),
        ("referrer", false),
        ("helper", true),
        ("indirect", true),
    ] {
        let id = primary.exports.get_func(name).unwrap();
        assert_eq!(calls_indirect(&primary, id), stub, "{name}");
    }
    let stubs = primary
        .funcs
        .iter_local()
        .filter(|(id, _)| calls_indirect(&primary, *id))
        .count();
    assert_eq!(stubs, 2);
    assert!(primary.data.iter().count() == 1);
    assert!(primary
        .exports
        .iter()
        .any(|e| e.name == "memory" && matches!(e.item, ExportItem::Memory(_))));
    let leaf_kind = &primary
        .funcs
        .get(primary.exports.get_func(format!("f{leaf_index}")).unwrap())
        .kind;
    assert!(matches!(leaf_kind, FunctionKind::Local(_)));
}

#[test]
fn a_profile_where_everything_ran_moves_nothing() {
    let f = fixture();
    let split = tifa_split::split(&f.bytes, &[1; 5]).unwrap();
    assert_eq!((split.kept, split.moved, split.pinned), (5, 0, 0));
    let rest = parse(&split.secondary);
    assert_eq!(rest.funcs.iter_local().count(), 0);
}

#[test]
fn another_builds_profile_or_bad_bytes_are_refused_with_the_reason() {
    let f = fixture();
    let short = tifa_split::split(&f.bytes, &[1; 4])
        .unwrap_err()
        .to_string();
    assert!(
        short.contains("4 entries") && short.contains("5 functions"),
        "{short}"
    );
    let bad = tifa_split::split(&f.bytes, &[1, 1, 2, 1, 1])
        .unwrap_err()
        .to_string();
    assert!(bad.contains("entry 2 is 2"), "{bad}");
    let not_wasm = tifa_split::split(b"not wasm", &[]).unwrap_err().to_string();
    assert!(not_wasm.contains("not a Wasm module"), "{not_wasm}");
    assert!(tifa_split::instrument(b"\0asm").is_err());
}

#[test]
fn a_name_kept_stays_whatever_the_profile_says() {
    let f = fixture();
    let names = tifa_split::names(&f.bytes).unwrap();
    assert_eq!(names[f.helper].as_deref(), Some("fixture::helper"));
    let split = tifa_split::split_keeping(
        &f.bytes,
        &profile(&[f.helper, f.indirect, f.referrer]),
        &["fixture::"],
    )
    .unwrap();
    assert_eq!((split.kept, split.moved, split.pinned), (4, 1, 2));
    let primary = parse(&split.primary);
    let helper = primary.exports.get_func("helper").unwrap();
    assert!(!calls_indirect(&primary, helper));
}
