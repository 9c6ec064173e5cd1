(module
  (import "env" "mem" (memory 1))
  (func $axpy (export "axpy") (param f64 i32 i32 i32)
    (local i32 v128)
    local.get 0
    f64x2.splat
    local.set 5
    local.get 1
    local.get 3
    i32.const 3
    i32.shl
    i32.add
    local.set 4
    block
      loop
        local.get 1
        local.get 4
        i32.ge_u
        br_if 1
        local.get 2
        local.get 1
        v128.load align=8
        local.get 5
        f64x2.mul
        local.get 2
        v128.load align=8
        f64x2.add
        v128.store align=8
        local.get 1
        i32.const 16
        i32.add
        local.set 1
        local.get 2
        i32.const 16
        i32.add
        local.set 2
        br 0
      end
    end
  )
  (func $twice (export "twice") (param i32 i32 i32)
    f64.const 2
    local.get 0
    local.get 1
    local.get 2
    call $axpy
  )
)
