(module
  (import "env" "mem" (memory 1))
  (func $fold (export "fold") (param i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 v128)
    f64.const 0
    f64x2.splat
    local.set 12
    local.get 2
    local.set 6
    local.get 2
    local.get 5
    i32.const 4
    i32.shl
    i32.add
    local.set 7
    block
      loop
        local.get 6
        local.get 7
        i32.ge_u
        br_if 1
        local.get 6
        local.get 12
        v128.store align=16
        local.get 6
        i32.const 16
        i32.add
        local.set 6
        br 0
      end
    end
    local.get 3
    local.set 6
    local.get 3
    local.get 4
    i32.const 12
    i32.mul
    i32.add
    local.set 7
    block
      loop
        local.get 6
        local.get 7
        i32.ge_u
        br_if 1
        local.get 6
        i32.load align=4
        local.set 11
        local.get 1
        local.get 11
        i32.const 3
        i32.shl
        i32.add
        local.set 9
        local.get 0
        local.get 11
        i32.const 4
        i32.shl
        i32.add
        local.set 8
        local.get 2
        local.get 6
        i32.load offset=4 align=4
        i32.const 4
        i32.shl
        i32.add
        local.set 10
        local.get 8
        local.get 6
        i32.load offset=8 align=4
        i32.const 4
        i32.shl
        i32.add
        local.set 11
        block
          loop
            local.get 8
            local.get 11
            i32.ge_u
            br_if 1
            local.get 10
            local.get 10
            v128.load align=16
            local.get 8
            v128.load align=16
            local.get 9
            v128.load64_splat align=8
            f64x2.mul
            f64x2.add
            v128.store align=16
            local.get 8
            i32.const 16
            i32.add
            local.set 8
            local.get 9
            i32.const 8
            i32.add
            local.set 9
            local.get 10
            i32.const 16
            i32.add
            local.set 10
            br 0
          end
        end
        local.get 6
        i32.const 12
        i32.add
        local.set 6
        br 0
      end
    end
  )
  (func $modReal (export "modReal") (param i32 i32 i32)
    (local i32 v128 v128)
    local.get 0
    local.get 2
    i32.const 4
    i32.shl
    i32.add
    local.set 3
    block
      loop
        local.get 0
        local.get 3
        i32.ge_u
        br_if 1
        local.get 0
        v128.load align=16
        local.set 4
        local.get 0
        v128.load offset=16 align=16
        local.set 5
        local.get 4
        local.get 4
        f64x2.mul
        local.set 4
        local.get 5
        local.get 5
        f64x2.mul
        local.set 5
        local.get 1
        local.get 4
        local.get 5
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        local.get 4
        local.get 5
        i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
        f64x2.add
        f64x2.sqrt
        v128.store align=16
        local.get 0
        i32.const 32
        i32.add
        local.set 0
        local.get 1
        i32.const 16
        i32.add
        local.set 1
        br 0
      end
    end
  )
  (func $modPair (export "modPair") (param i32 i32 i32 i32)
    (local i32 v128 v128)
    local.get 0
    local.get 3
    i32.const 4
    i32.shl
    i32.add
    local.set 4
    block
      loop
        local.get 0
        local.get 4
        i32.ge_u
        br_if 1
        local.get 0
        v128.load align=16
        local.set 5
        local.get 1
        v128.load align=16
        local.set 6
        local.get 5
        local.get 5
        f64x2.mul
        local.set 5
        local.get 6
        local.get 6
        f64x2.mul
        local.set 6
        local.get 2
        local.get 5
        local.get 6
        i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23
        local.get 5
        local.get 6
        i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
        f64x2.add
        f64x2.sqrt
        v128.store align=16
        local.get 0
        i32.const 16
        i32.add
        local.set 0
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
  (func $cmul (export "cmul") (param i32 i32 i32 i32)
    (local i32 v128 v128 v128)
    f64.const -1
    f64x2.splat
    f64.const 1
    f64x2.replace_lane 1
    local.set 7
    local.get 0
    local.get 3
    i32.const 4
    i32.shl
    i32.add
    local.set 4
    block
      loop
        local.get 0
        local.get 4
        i32.ge_u
        br_if 1
        local.get 2
        local.get 0
        v128.load align=16
        local.set 5
        local.get 1
        v128.load64_zero align=8
        f64x2.promote_low_f32x4
        local.set 6
        local.get 5
        local.get 6
        local.get 6
        i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
        f64x2.mul
        local.get 5
        local.get 5
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 6
        local.get 6
        i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
        f64x2.mul
        local.get 7
        f64x2.mul
        f64x2.add
        v128.store align=16
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        local.get 1
        i32.const 8
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
  (func $cmul2 (export "cmul2") (param i32 i32 i32 i32 i32 i32)
    (local i32 v128 v128 v128 v128)
    f64.const -1
    f64x2.splat
    f64.const 1
    f64x2.replace_lane 1
    local.set 9
    local.get 0
    local.get 5
    i32.const 4
    i32.shl
    i32.add
    local.set 6
    block
      loop
        local.get 0
        local.get 6
        i32.ge_u
        br_if 1
        local.get 2
        v128.load align=16
        local.set 7
        local.get 3
        v128.load64_zero align=8
        f64x2.promote_low_f32x4
        local.set 8
        local.get 7
        local.get 8
        local.get 8
        i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
        f64x2.mul
        local.get 7
        local.get 7
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 8
        local.get 8
        i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
        f64x2.mul
        local.get 9
        f64x2.mul
        f64x2.add
        local.set 10
        local.get 4
        local.get 0
        v128.load align=16
        local.set 7
        local.get 1
        v128.load64_zero align=8
        f64x2.promote_low_f32x4
        local.set 8
        local.get 7
        local.get 8
        local.get 8
        i8x16.shuffle 0 1 2 3 4 5 6 7 0 1 2 3 4 5 6 7
        f64x2.mul
        local.get 7
        local.get 7
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 8
        local.get 8
        i8x16.shuffle 8 9 10 11 12 13 14 15 8 9 10 11 12 13 14 15
        f64x2.mul
        local.get 9
        f64x2.mul
        f64x2.add
        local.get 10
        local.get 10
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 9
        f64x2.mul
        f64x2.add
        v128.store align=16
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        local.get 1
        i32.const 8
        i32.add
        local.set 1
        local.get 2
        i32.const 16
        i32.add
        local.set 2
        local.get 3
        i32.const 8
        i32.add
        local.set 3
        local.get 4
        i32.const 16
        i32.add
        local.set 4
        br 0
      end
    end
  )
  (func $addPair3 (export "addPair3") (param i32 i32 i32 i32 i32 i32 i32 i32 f64)
    (local i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 f64)
    local.get 8
    f64x2.splat
    local.get 8
    f64.neg
    f64x2.replace_lane 1
    local.set 18
    i32.const 0
    local.set 9
    block
      loop
        local.get 9
        local.get 5
        i32.ge_u
        br_if 1
        local.get 9
        i32.const 1
        i32.and
        f64.convert_i32_s
        f64.const 2
        f64.mul
        f64.neg
        f64.const 1
        f64.add
        local.set 23
        local.get 23
        f64x2.splat
        local.set 15
        i32.const 0
        local.set 10
        block
          loop
            local.get 10
            local.get 6
            i32.ge_u
            br_if 1
            local.get 10
            i32.const 1
            i32.and
            f64.convert_i32_s
            f64.const 2
            f64.mul
            f64.neg
            f64.const 1
            f64.add
            f64x2.splat
            local.set 16
            local.get 2
            local.get 10
            local.get 7
            i32.mul
            i32.const 4
            i32.shl
            i32.add
            local.set 12
            local.get 3
            local.get 9
            local.get 7
            i32.mul
            i32.const 4
            i32.shl
            i32.add
            local.set 13
            local.get 4
            local.get 9
            local.get 6
            i32.mul
            local.get 10
            i32.add
            i32.const 4
            i32.shl
            i32.add
            local.set 14
            local.get 14
            v128.load align=16
            local.set 17
            i32.const 0
            local.set 11
            block
              loop
                local.get 11
                local.get 7
                i32.ge_u
                br_if 1
                local.get 12
                v128.load align=16
                local.get 15
                f64x2.mul
                local.get 13
                v128.load align=16
                local.get 16
                f64x2.mul
                f64x2.add
                local.get 17
                f64x2.add
                local.set 22
                local.get 0
                v128.load align=16
                local.set 19
                local.get 19
                local.get 18
                f64x2.mul
                local.get 22
                f64x2.add
                local.set 20
                local.get 19
                local.get 19
                f64x2.mul
                local.get 20
                local.get 20
                f64x2.mul
                f64x2.add
                local.set 21
                local.get 1
                local.get 1
                f64.load align=8
                local.get 21
                f64x2.extract_lane 0
                local.get 21
                f64x2.extract_lane 1
                f64.add
                f64.add
                f64.store align=8
                local.get 0
                i32.const 16
                i32.add
                local.set 0
                local.get 1
                i32.const 8
                i32.add
                local.set 1
                local.get 12
                v128.load offset=16 align=16
                local.get 15
                f64x2.mul
                local.get 13
                v128.load offset=16 align=16
                local.get 16
                f64x2.mul
                f64x2.add
                local.get 17
                f64x2.sub
                local.set 22
                local.get 0
                v128.load align=16
                local.set 19
                local.get 19
                local.get 18
                f64x2.mul
                local.get 22
                f64x2.add
                local.set 20
                local.get 19
                local.get 19
                f64x2.mul
                local.get 20
                local.get 20
                f64x2.mul
                f64x2.add
                local.set 21
                local.get 1
                local.get 1
                f64.load align=8
                local.get 21
                f64x2.extract_lane 0
                local.get 21
                f64x2.extract_lane 1
                f64.add
                f64.add
                f64.store align=8
                local.get 0
                i32.const 16
                i32.add
                local.set 0
                local.get 1
                i32.const 8
                i32.add
                local.set 1
                local.get 12
                i32.const 32
                i32.add
                local.set 12
                local.get 13
                i32.const 32
                i32.add
                local.set 13
                local.get 11
                i32.const 2
                i32.add
                local.set 11
                br 0
              end
            end
            local.get 10
            i32.const 1
            i32.add
            local.set 10
            br 0
          end
        end
        local.get 9
        i32.const 1
        i32.add
        local.set 9
        br 0
      end
    end
  )
  (func $mod2 (export "mod2") (param i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    f64.const 1
    f64x2.splat
    f64.const -1
    f64x2.replace_lane 1
    local.set 29
    i32.const 0
    local.set 12
    block
      loop
        local.get 12
        local.get 9
        i32.ge_u
        br_if 1
        local.get 12
        i32.const 1
        i32.and
        f64.convert_i32_s
        f64.const 2
        f64.mul
        f64.neg
        f64.const 1
        f64.add
        f64x2.splat
        local.set 20
        i32.const 0
        local.set 13
        block
          loop
            local.get 13
            local.get 10
            i32.ge_u
            br_if 1
            local.get 13
            i32.const 1
            i32.and
            f64.convert_i32_s
            f64.const 2
            f64.mul
            f64.neg
            f64.const 1
            f64.add
            f64x2.splat
            local.set 21
            local.get 13
            local.get 11
            i32.mul
            i32.const 4
            i32.shl
            local.set 15
            local.get 3
            local.get 15
            i32.add
            local.set 15
            local.get 6
            local.get 13
            local.get 11
            i32.mul
            i32.const 4
            i32.shl
            i32.add
            local.set 17
            local.get 4
            local.get 12
            local.get 11
            i32.mul
            i32.const 4
            i32.shl
            i32.add
            local.set 16
            local.get 7
            local.get 12
            local.get 11
            i32.mul
            i32.const 4
            i32.shl
            i32.add
            local.set 18
            local.get 12
            local.get 10
            i32.mul
            local.get 13
            i32.add
            i32.const 4
            i32.shl
            local.set 19
            local.get 5
            local.get 19
            i32.add
            v128.load align=16
            local.set 22
            local.get 8
            local.get 19
            i32.add
            v128.load align=16
            local.set 23
            i32.const 0
            local.set 14
            block
              loop
                local.get 14
                local.get 11
                i32.ge_u
                br_if 1
                local.get 15
                v128.load align=16
                local.get 20
                f64x2.mul
                local.get 16
                v128.load align=16
                local.get 21
                f64x2.mul
                f64x2.add
                local.get 22
                f64x2.add
                local.set 24
                local.get 17
                v128.load align=16
                local.get 20
                f64x2.mul
                local.get 18
                v128.load align=16
                local.get 21
                f64x2.mul
                f64x2.add
                local.get 23
                f64x2.add
                local.set 25
                local.get 25
                local.get 24
                i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                local.set 26
                local.get 0
                v128.load align=16
                local.get 26
                local.get 29
                f64x2.mul
                f64x2.add
                local.set 27
                local.get 27
                local.get 27
                f64x2.mul
                local.get 26
                local.get 26
                f64x2.mul
                local.set 26
                local.get 26
                local.get 26
                i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                f64x2.add
                local.set 28
                local.get 1
                local.get 28
                f64x2.extract_lane 0
                f64.store align=8
                local.get 2
                local.get 28
                f64x2.extract_lane 1
                f64.store align=8
                local.get 0
                i32.const 16
                i32.add
                local.set 0
                local.get 1
                i32.const 8
                i32.add
                local.set 1
                local.get 2
                i32.const 8
                i32.add
                local.set 2
                local.get 15
                v128.load offset=16 align=16
                local.get 20
                f64x2.mul
                local.get 16
                v128.load offset=16 align=16
                local.get 21
                f64x2.mul
                f64x2.add
                local.get 22
                f64x2.sub
                local.set 24
                local.get 17
                v128.load offset=16 align=16
                local.get 20
                f64x2.mul
                local.get 18
                v128.load offset=16 align=16
                local.get 21
                f64x2.mul
                f64x2.add
                local.get 23
                f64x2.sub
                local.set 25
                local.get 25
                local.get 24
                i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31
                local.set 26
                local.get 0
                v128.load align=16
                local.get 26
                local.get 29
                f64x2.mul
                f64x2.add
                local.set 27
                local.get 27
                local.get 27
                f64x2.mul
                local.get 26
                local.get 26
                f64x2.mul
                local.set 26
                local.get 26
                local.get 26
                i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                f64x2.add
                local.set 28
                local.get 1
                local.get 28
                f64x2.extract_lane 0
                f64.store align=8
                local.get 2
                local.get 28
                f64x2.extract_lane 1
                f64.store align=8
                local.get 0
                i32.const 16
                i32.add
                local.set 0
                local.get 1
                i32.const 8
                i32.add
                local.set 1
                local.get 2
                i32.const 8
                i32.add
                local.set 2
                local.get 15
                i32.const 32
                i32.add
                local.set 15
                local.get 16
                i32.const 32
                i32.add
                local.set 16
                local.get 17
                i32.const 32
                i32.add
                local.set 17
                local.get 18
                i32.const 32
                i32.add
                local.set 18
                local.get 14
                i32.const 2
                i32.add
                local.set 14
                br 0
              end
            end
            local.get 13
            i32.const 1
            i32.add
            local.set 13
            br 0
          end
        end
        local.get 12
        i32.const 1
        i32.add
        local.set 12
        br 0
      end
    end
  )
  (func $sqrtInPlace (export "sqrtInPlace") (param i32 i32)
    (local i32)
    local.get 0
    local.get 1
    i32.const 3
    i32.shl
    i32.add
    local.set 2
    block
      loop
        local.get 0
        local.get 2
        i32.ge_u
        br_if 1
        local.get 0
        local.get 0
        v128.load align=16
        f64x2.sqrt
        v128.store align=16
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        br 0
      end
    end
  )
  (func $sums (export "sums") (param i32 i32 i32)
    (local i32 v128 v128 v128 v128)
    local.get 0
    local.get 1
    i32.const 3
    i32.shl
    i32.add
    local.set 3
    block
      loop
        local.get 0
        local.get 3
        i32.ge_u
        br_if 1
        local.get 0
        v128.load align=16
        local.set 4
        local.get 5
        local.get 4
        f64x2.sqrt
        f64x2.add
        local.set 5
        local.get 6
        local.get 4
        f64x2.add
        local.set 6
        local.get 7
        local.get 4
        local.get 4
        f64x2.mul
        f64x2.add
        local.set 7
        local.get 0
        i32.const 16
        i32.add
        local.set 0
        br 0
      end
    end
    local.get 2
    local.get 5
    f64x2.extract_lane 0
    local.get 5
    f64x2.extract_lane 1
    f64.add
    f64.store align=8
    local.get 2
    local.get 6
    f64x2.extract_lane 0
    local.get 6
    f64x2.extract_lane 1
    f64.add
    f64.store offset=8 align=8
    local.get 2
    local.get 7
    f64x2.extract_lane 0
    local.get 7
    f64x2.extract_lane 1
    f64.add
    f64.store offset=16 align=8
  )
  (func $split3 (export "split3") (param i32 i32 i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128)
    f64.const 0.5
    f64x2.splat
    f64.const 0.5
    f64x2.replace_lane 1
    local.set 13
    f64.const 1
    f64x2.splat
    f64.const -1
    f64x2.replace_lane 1
    local.set 14
    i32.const 0
    local.set 6
    block
      loop
        local.get 6
        local.get 3
        i32.ge_u
        br_if 1
        i32.const 0
        local.get 3
        local.get 6
        i32.sub
        local.get 6
        i32.eqz
        select
        local.set 8
        i32.const 0
        local.set 7
        block
          loop
            local.get 7
            local.get 4
            i32.ge_u
            br_if 1
            i32.const 0
            local.get 4
            local.get 7
            i32.sub
            local.get 7
            i32.eqz
            select
            local.set 9
            local.get 6
            local.get 4
            i32.mul
            local.get 7
            i32.add
            local.get 5
            i32.mul
            i32.const 4
            i32.shl
            local.set 10
            local.get 8
            local.get 4
            i32.mul
            local.get 9
            i32.add
            local.get 5
            i32.mul
            i32.const 4
            i32.shl
            local.set 11
            local.get 0
            local.get 10
            i32.add
            v128.load align=16
            local.set 15
            local.get 0
            local.get 11
            i32.add
            v128.load align=16
            local.set 16
            local.get 1
            local.get 10
            i32.add
            local.get 15
            local.get 16
            local.get 14
            f64x2.mul
            f64x2.add
            local.get 13
            f64x2.mul
            v128.store align=16
            local.get 2
            local.get 10
            i32.add
            local.get 15
            local.get 15
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            local.get 14
            f64x2.mul
            local.get 16
            local.get 16
            i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
            f64x2.add
            local.get 13
            f64x2.mul
            v128.store align=16
            local.get 11
            local.get 5
            i32.const 4
            i32.shl
            i32.add
            local.set 11
            i32.const 1
            local.set 12
            block
              loop
                local.get 12
                local.get 5
                i32.ge_u
                br_if 1
                local.get 10
                i32.const 16
                i32.add
                local.set 10
                local.get 11
                i32.const 16
                i32.sub
                local.set 11
                local.get 0
                local.get 10
                i32.add
                v128.load align=16
                local.set 15
                local.get 0
                local.get 11
                i32.add
                v128.load align=16
                local.set 16
                local.get 1
                local.get 10
                i32.add
                local.get 15
                local.get 16
                local.get 14
                f64x2.mul
                f64x2.add
                local.get 13
                f64x2.mul
                v128.store align=16
                local.get 2
                local.get 10
                i32.add
                local.get 15
                local.get 15
                i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                local.get 14
                f64x2.mul
                local.get 16
                local.get 16
                i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
                f64x2.add
                local.get 13
                f64x2.mul
                v128.store align=16
                local.get 12
                i32.const 1
                i32.add
                local.set 12
                br 0
              end
            end
            local.get 7
            i32.const 1
            i32.add
            local.set 7
            br 0
          end
        end
        local.get 6
        i32.const 1
        i32.add
        local.set 6
        br 0
      end
    end
  )
)
