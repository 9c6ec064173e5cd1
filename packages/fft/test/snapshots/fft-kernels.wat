(module
  (memory (export "mem") 1)
  (func $pass2 (export "pass2") (param i32 i32 i32 i32 i32 f64 i32 f64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    local.get 5
    f64.neg
    f64x2.splat
    local.get 5
    f64x2.replace_lane 1
    local.set 16
    local.get 7
    f64x2.splat
    local.set 17
    local.get 3
    i32.const 4
    i32.shl
    local.set 11
    local.get 11
    local.get 2
    i32.mul
    local.set 9
    local.get 6
    if
      local.get 0
      local.set 14
      local.get 1
      local.set 15
      local.get 3
      local.set 13
      loop
        local.get 14
        v128.load align=8
        local.set 18
        local.get 14
        local.get 9
        i32.add
        v128.load align=8
        local.set 19
        local.get 18
        local.get 19
        f64x2.add
        local.set 20
        local.get 18
        local.get 19
        f64x2.sub
        local.set 21
        local.get 15
        local.get 20
        local.get 17
        f64x2.mul
        v128.store align=8
        local.get 15
        local.get 11
        i32.add
        local.get 21
        local.get 17
        f64x2.mul
        v128.store align=8
        local.get 14
        i32.const 16
        i32.add
        local.set 14
        local.get 15
        i32.const 16
        i32.add
        local.set 15
        local.get 13
        i32.const 1
        i32.sub
        local.set 13
        local.get 13
        br_if 0
      end
    else
      i32.const 0
      local.set 12
      loop
        local.get 4
        v128.load align=8
        local.set 22
        local.get 4
        v128.load offset=16 align=8
        local.set 23
        local.get 0
        local.get 11
        local.get 12
        i32.mul
        i32.add
        local.set 14
        local.get 1
        local.get 11
        local.get 12
        i32.mul
        i32.const 2
        i32.mul
        i32.add
        local.set 15
        local.get 3
        local.set 13
        loop
          local.get 14
          v128.load align=8
          local.set 18
          local.get 14
          local.get 9
          i32.add
          v128.load align=8
          local.set 19
          local.get 18
          local.get 19
          f64x2.add
          local.set 20
          local.get 18
          local.get 19
          f64x2.sub
          local.set 21
          local.get 15
          local.get 20
          v128.store align=8
          local.get 15
          local.get 11
          i32.add
          local.get 21
          local.get 22
          f64x2.mul
          local.get 21
          local.get 21
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 23
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 14
          i32.const 16
          i32.add
          local.set 14
          local.get 15
          i32.const 16
          i32.add
          local.set 15
          local.get 13
          i32.const 1
          i32.sub
          local.set 13
          local.get 13
          br_if 0
        end
        local.get 4
        i32.const 32
        i32.add
        local.set 4
        local.get 12
        i32.const 1
        i32.add
        local.set 12
        local.get 12
        local.get 2
        i32.lt_s
        br_if 0
      end
    end
  )
  (func $pass3 (export "pass3") (param i32 i32 i32 i32 i32 f64 i32 f64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    local.get 5
    f64.neg
    f64x2.splat
    local.get 5
    f64x2.replace_lane 1
    local.set 18
    local.get 7
    f64x2.splat
    local.set 19
    f64.const 0.5
    f64x2.splat
    local.set 36
    f64.const 0.8660254037844386
    f64x2.splat
    local.set 37
    local.get 3
    i32.const 4
    i32.shl
    local.set 12
    local.get 12
    local.get 2
    i32.mul
    local.set 9
    local.get 12
    local.get 12
    i32.add
    local.set 13
    local.get 9
    local.get 9
    i32.add
    local.set 10
    local.get 6
    if
      local.get 0
      local.set 16
      local.get 1
      local.set 17
      local.get 3
      local.set 15
      loop
        local.get 16
        v128.load align=8
        local.set 20
        local.get 16
        local.get 9
        i32.add
        v128.load align=8
        local.set 21
        local.get 16
        local.get 10
        i32.add
        v128.load align=8
        local.set 22
        local.get 21
        local.get 22
        f64x2.add
        local.set 30
        local.get 20
        local.get 30
        local.get 36
        f64x2.mul
        f64x2.sub
        local.set 31
        local.get 21
        local.get 22
        f64x2.sub
        local.get 37
        f64x2.mul
        local.set 32
        local.get 32
        local.get 32
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 18
        f64x2.mul
        local.set 32
        local.get 20
        local.get 30
        f64x2.add
        local.set 23
        local.get 31
        local.get 32
        f64x2.add
        local.set 24
        local.get 31
        local.get 32
        f64x2.sub
        local.set 25
        local.get 17
        local.get 23
        local.get 19
        f64x2.mul
        v128.store align=8
        local.get 17
        local.get 12
        i32.add
        local.get 24
        local.get 19
        f64x2.mul
        v128.store align=8
        local.get 17
        local.get 13
        i32.add
        local.get 25
        local.get 19
        f64x2.mul
        v128.store align=8
        local.get 16
        i32.const 16
        i32.add
        local.set 16
        local.get 17
        i32.const 16
        i32.add
        local.set 17
        local.get 15
        i32.const 1
        i32.sub
        local.set 15
        local.get 15
        br_if 0
      end
    else
      i32.const 0
      local.set 14
      loop
        local.get 4
        v128.load align=8
        local.set 26
        local.get 4
        v128.load offset=16 align=8
        local.set 27
        local.get 4
        v128.load offset=32 align=8
        local.set 28
        local.get 4
        v128.load offset=48 align=8
        local.set 29
        local.get 0
        local.get 12
        local.get 14
        i32.mul
        i32.add
        local.set 16
        local.get 1
        local.get 12
        local.get 14
        i32.mul
        i32.const 3
        i32.mul
        i32.add
        local.set 17
        local.get 3
        local.set 15
        loop
          local.get 16
          v128.load align=8
          local.set 20
          local.get 16
          local.get 9
          i32.add
          v128.load align=8
          local.set 21
          local.get 16
          local.get 10
          i32.add
          v128.load align=8
          local.set 22
          local.get 21
          local.get 22
          f64x2.add
          local.set 30
          local.get 20
          local.get 30
          local.get 36
          f64x2.mul
          f64x2.sub
          local.set 31
          local.get 21
          local.get 22
          f64x2.sub
          local.get 37
          f64x2.mul
          local.set 32
          local.get 32
          local.get 32
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 18
          f64x2.mul
          local.set 32
          local.get 20
          local.get 30
          f64x2.add
          local.set 23
          local.get 31
          local.get 32
          f64x2.add
          local.set 24
          local.get 31
          local.get 32
          f64x2.sub
          local.set 25
          local.get 17
          local.get 23
          v128.store align=8
          local.get 17
          local.get 12
          i32.add
          local.get 24
          local.get 26
          f64x2.mul
          local.get 24
          local.get 24
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 27
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 17
          local.get 13
          i32.add
          local.get 25
          local.get 28
          f64x2.mul
          local.get 25
          local.get 25
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 29
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 16
          i32.const 16
          i32.add
          local.set 16
          local.get 17
          i32.const 16
          i32.add
          local.set 17
          local.get 15
          i32.const 1
          i32.sub
          local.set 15
          local.get 15
          br_if 0
        end
        local.get 4
        i32.const 64
        i32.add
        local.set 4
        local.get 14
        i32.const 1
        i32.add
        local.set 14
        local.get 14
        local.get 2
        i32.lt_s
        br_if 0
      end
    end
  )
  (func $pass4 (export "pass4") (param i32 i32 i32 i32 i32 f64 i32 f64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    local.get 5
    f64.neg
    f64x2.splat
    local.get 5
    f64x2.replace_lane 1
    local.set 20
    local.get 7
    f64x2.splat
    local.set 21
    local.get 3
    i32.const 4
    i32.shl
    local.set 13
    local.get 13
    local.get 2
    i32.mul
    local.set 9
    local.get 13
    local.get 13
    i32.add
    local.set 14
    local.get 9
    local.get 9
    i32.add
    local.set 10
    local.get 14
    local.get 13
    i32.add
    local.set 15
    local.get 10
    local.get 9
    i32.add
    local.set 11
    local.get 6
    if
      local.get 0
      local.set 18
      local.get 1
      local.set 19
      local.get 3
      local.set 17
      loop
        local.get 18
        v128.load align=8
        local.set 22
        local.get 18
        local.get 9
        i32.add
        v128.load align=8
        local.set 23
        local.get 18
        local.get 10
        i32.add
        v128.load align=8
        local.set 24
        local.get 18
        local.get 11
        i32.add
        v128.load align=8
        local.set 25
        local.get 22
        local.get 24
        f64x2.add
        local.set 36
        local.get 22
        local.get 24
        f64x2.sub
        local.set 37
        local.get 23
        local.get 25
        f64x2.add
        local.set 38
        local.get 23
        local.get 25
        f64x2.sub
        local.set 39
        local.get 39
        local.get 39
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 20
        f64x2.mul
        local.set 39
        local.get 36
        local.get 38
        f64x2.add
        local.set 26
        local.get 37
        local.get 39
        f64x2.add
        local.set 27
        local.get 36
        local.get 38
        f64x2.sub
        local.set 28
        local.get 37
        local.get 39
        f64x2.sub
        local.set 29
        local.get 19
        local.get 26
        local.get 21
        f64x2.mul
        v128.store align=8
        local.get 19
        local.get 13
        i32.add
        local.get 27
        local.get 21
        f64x2.mul
        v128.store align=8
        local.get 19
        local.get 14
        i32.add
        local.get 28
        local.get 21
        f64x2.mul
        v128.store align=8
        local.get 19
        local.get 15
        i32.add
        local.get 29
        local.get 21
        f64x2.mul
        v128.store align=8
        local.get 18
        i32.const 16
        i32.add
        local.set 18
        local.get 19
        i32.const 16
        i32.add
        local.set 19
        local.get 17
        i32.const 1
        i32.sub
        local.set 17
        local.get 17
        br_if 0
      end
    else
      i32.const 0
      local.set 16
      loop
        local.get 4
        v128.load align=8
        local.set 30
        local.get 4
        v128.load offset=16 align=8
        local.set 31
        local.get 4
        v128.load offset=32 align=8
        local.set 32
        local.get 4
        v128.load offset=48 align=8
        local.set 33
        local.get 4
        v128.load offset=64 align=8
        local.set 34
        local.get 4
        v128.load offset=80 align=8
        local.set 35
        local.get 0
        local.get 13
        local.get 16
        i32.mul
        i32.add
        local.set 18
        local.get 1
        local.get 13
        local.get 16
        i32.mul
        i32.const 4
        i32.mul
        i32.add
        local.set 19
        local.get 3
        local.set 17
        loop
          local.get 18
          v128.load align=8
          local.set 22
          local.get 18
          local.get 9
          i32.add
          v128.load align=8
          local.set 23
          local.get 18
          local.get 10
          i32.add
          v128.load align=8
          local.set 24
          local.get 18
          local.get 11
          i32.add
          v128.load align=8
          local.set 25
          local.get 22
          local.get 24
          f64x2.add
          local.set 36
          local.get 22
          local.get 24
          f64x2.sub
          local.set 37
          local.get 23
          local.get 25
          f64x2.add
          local.set 38
          local.get 23
          local.get 25
          f64x2.sub
          local.set 39
          local.get 39
          local.get 39
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 20
          f64x2.mul
          local.set 39
          local.get 36
          local.get 38
          f64x2.add
          local.set 26
          local.get 37
          local.get 39
          f64x2.add
          local.set 27
          local.get 36
          local.get 38
          f64x2.sub
          local.set 28
          local.get 37
          local.get 39
          f64x2.sub
          local.set 29
          local.get 19
          local.get 26
          v128.store align=8
          local.get 19
          local.get 13
          i32.add
          local.get 27
          local.get 30
          f64x2.mul
          local.get 27
          local.get 27
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 31
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 19
          local.get 14
          i32.add
          local.get 28
          local.get 32
          f64x2.mul
          local.get 28
          local.get 28
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 33
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 19
          local.get 15
          i32.add
          local.get 29
          local.get 34
          f64x2.mul
          local.get 29
          local.get 29
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 35
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 18
          i32.const 16
          i32.add
          local.set 18
          local.get 19
          i32.const 16
          i32.add
          local.set 19
          local.get 17
          i32.const 1
          i32.sub
          local.set 17
          local.get 17
          br_if 0
        end
        local.get 4
        i32.const 96
        i32.add
        local.set 4
        local.get 16
        i32.const 1
        i32.add
        local.set 16
        local.get 16
        local.get 2
        i32.lt_s
        br_if 0
      end
    end
  )
  (func $pass5 (export "pass5") (param i32 i32 i32 i32 i32 f64 i32 f64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    local.get 5
    f64.neg
    f64x2.splat
    local.get 5
    f64x2.replace_lane 1
    local.set 22
    local.get 7
    f64x2.splat
    local.set 23
    f64.const 0.30901699437494745
    f64x2.splat
    local.set 48
    f64.const -0.8090169943749473
    f64x2.splat
    local.set 49
    f64.const 0.9510565162951535
    f64x2.splat
    local.set 50
    f64.const 0.5877852522924732
    f64x2.splat
    local.set 51
    local.get 3
    i32.const 4
    i32.shl
    local.set 14
    local.get 14
    local.get 2
    i32.mul
    local.set 9
    local.get 14
    local.get 14
    i32.add
    local.set 15
    local.get 9
    local.get 9
    i32.add
    local.set 10
    local.get 15
    local.get 14
    i32.add
    local.set 16
    local.get 10
    local.get 9
    i32.add
    local.set 11
    local.get 16
    local.get 14
    i32.add
    local.set 17
    local.get 11
    local.get 9
    i32.add
    local.set 12
    local.get 6
    if
      local.get 0
      local.set 20
      local.get 1
      local.set 21
      local.get 3
      local.set 19
      loop
        local.get 20
        v128.load align=8
        local.set 24
        local.get 20
        local.get 9
        i32.add
        v128.load align=8
        local.set 25
        local.get 20
        local.get 10
        i32.add
        v128.load align=8
        local.set 26
        local.get 20
        local.get 11
        i32.add
        v128.load align=8
        local.set 27
        local.get 20
        local.get 12
        i32.add
        v128.load align=8
        local.set 28
        local.get 25
        local.get 28
        f64x2.add
        local.set 42
        local.get 26
        local.get 27
        f64x2.add
        local.set 43
        local.get 25
        local.get 28
        f64x2.sub
        local.set 44
        local.get 26
        local.get 27
        f64x2.sub
        local.set 45
        local.get 24
        local.get 42
        f64x2.add
        local.get 43
        f64x2.add
        local.set 29
        local.get 24
        local.get 42
        local.get 48
        f64x2.mul
        f64x2.add
        local.get 43
        local.get 49
        f64x2.mul
        f64x2.add
        local.set 46
        local.get 44
        local.get 50
        f64x2.mul
        local.get 45
        local.get 51
        f64x2.mul
        f64x2.add
        local.set 47
        local.get 47
        local.get 47
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 22
        f64x2.mul
        local.set 47
        local.get 46
        local.get 47
        f64x2.add
        local.set 30
        local.get 46
        local.get 47
        f64x2.sub
        local.set 33
        local.get 24
        local.get 42
        local.get 49
        f64x2.mul
        f64x2.add
        local.get 43
        local.get 48
        f64x2.mul
        f64x2.add
        local.set 46
        local.get 44
        local.get 51
        f64x2.mul
        local.get 45
        local.get 50
        f64x2.mul
        f64x2.sub
        local.set 47
        local.get 47
        local.get 47
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 22
        f64x2.mul
        local.set 47
        local.get 46
        local.get 47
        f64x2.add
        local.set 31
        local.get 46
        local.get 47
        f64x2.sub
        local.set 32
        local.get 21
        local.get 29
        local.get 23
        f64x2.mul
        v128.store align=8
        local.get 21
        local.get 14
        i32.add
        local.get 30
        local.get 23
        f64x2.mul
        v128.store align=8
        local.get 21
        local.get 15
        i32.add
        local.get 31
        local.get 23
        f64x2.mul
        v128.store align=8
        local.get 21
        local.get 16
        i32.add
        local.get 32
        local.get 23
        f64x2.mul
        v128.store align=8
        local.get 21
        local.get 17
        i32.add
        local.get 33
        local.get 23
        f64x2.mul
        v128.store align=8
        local.get 20
        i32.const 16
        i32.add
        local.set 20
        local.get 21
        i32.const 16
        i32.add
        local.set 21
        local.get 19
        i32.const 1
        i32.sub
        local.set 19
        local.get 19
        br_if 0
      end
    else
      i32.const 0
      local.set 18
      loop
        local.get 4
        v128.load align=8
        local.set 34
        local.get 4
        v128.load offset=16 align=8
        local.set 35
        local.get 4
        v128.load offset=32 align=8
        local.set 36
        local.get 4
        v128.load offset=48 align=8
        local.set 37
        local.get 4
        v128.load offset=64 align=8
        local.set 38
        local.get 4
        v128.load offset=80 align=8
        local.set 39
        local.get 4
        v128.load offset=96 align=8
        local.set 40
        local.get 4
        v128.load offset=112 align=8
        local.set 41
        local.get 0
        local.get 14
        local.get 18
        i32.mul
        i32.add
        local.set 20
        local.get 1
        local.get 14
        local.get 18
        i32.mul
        i32.const 5
        i32.mul
        i32.add
        local.set 21
        local.get 3
        local.set 19
        loop
          local.get 20
          v128.load align=8
          local.set 24
          local.get 20
          local.get 9
          i32.add
          v128.load align=8
          local.set 25
          local.get 20
          local.get 10
          i32.add
          v128.load align=8
          local.set 26
          local.get 20
          local.get 11
          i32.add
          v128.load align=8
          local.set 27
          local.get 20
          local.get 12
          i32.add
          v128.load align=8
          local.set 28
          local.get 25
          local.get 28
          f64x2.add
          local.set 42
          local.get 26
          local.get 27
          f64x2.add
          local.set 43
          local.get 25
          local.get 28
          f64x2.sub
          local.set 44
          local.get 26
          local.get 27
          f64x2.sub
          local.set 45
          local.get 24
          local.get 42
          f64x2.add
          local.get 43
          f64x2.add
          local.set 29
          local.get 24
          local.get 42
          local.get 48
          f64x2.mul
          f64x2.add
          local.get 43
          local.get 49
          f64x2.mul
          f64x2.add
          local.set 46
          local.get 44
          local.get 50
          f64x2.mul
          local.get 45
          local.get 51
          f64x2.mul
          f64x2.add
          local.set 47
          local.get 47
          local.get 47
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 22
          f64x2.mul
          local.set 47
          local.get 46
          local.get 47
          f64x2.add
          local.set 30
          local.get 46
          local.get 47
          f64x2.sub
          local.set 33
          local.get 24
          local.get 42
          local.get 49
          f64x2.mul
          f64x2.add
          local.get 43
          local.get 48
          f64x2.mul
          f64x2.add
          local.set 46
          local.get 44
          local.get 51
          f64x2.mul
          local.get 45
          local.get 50
          f64x2.mul
          f64x2.sub
          local.set 47
          local.get 47
          local.get 47
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 22
          f64x2.mul
          local.set 47
          local.get 46
          local.get 47
          f64x2.add
          local.set 31
          local.get 46
          local.get 47
          f64x2.sub
          local.set 32
          local.get 21
          local.get 29
          v128.store align=8
          local.get 21
          local.get 14
          i32.add
          local.get 30
          local.get 34
          f64x2.mul
          local.get 30
          local.get 30
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 35
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 21
          local.get 15
          i32.add
          local.get 31
          local.get 36
          f64x2.mul
          local.get 31
          local.get 31
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 37
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 21
          local.get 16
          i32.add
          local.get 32
          local.get 38
          f64x2.mul
          local.get 32
          local.get 32
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 39
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 21
          local.get 17
          i32.add
          local.get 33
          local.get 40
          f64x2.mul
          local.get 33
          local.get 33
          i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
          local.get 41
          f64x2.mul
          f64x2.add
          v128.store align=8
          local.get 20
          i32.const 16
          i32.add
          local.set 20
          local.get 21
          i32.const 16
          i32.add
          local.set 21
          local.get 19
          i32.const 1
          i32.sub
          local.set 19
          local.get 19
          br_if 0
        end
        local.get 4
        i32.const 128
        i32.add
        local.set 4
        local.get 18
        i32.const 1
        i32.add
        local.set 18
        local.get 18
        local.get 2
        i32.lt_s
        br_if 0
      end
    end
  )
  (func $rsplit (export "rsplit") (param i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    v128.const f64x2 1 -1
    local.set 11
    v128.const f64x2 0.5 0.5
    local.set 12
    local.get 3
    i32.const 1
    i32.shr_s
    local.set 5
    i32.const 1
    local.set 4
    local.get 0
    i32.const 16
    i32.add
    local.set 6
    local.get 0
    local.get 3
    i32.const 1
    i32.sub
    i32.const 4
    i32.shl
    i32.add
    local.set 7
    local.get 1
    i32.const 16
    i32.add
    local.set 8
    local.get 1
    local.get 3
    i32.const 1
    i32.sub
    i32.const 4
    i32.shl
    i32.add
    local.set 9
    local.get 2
    i32.const 32
    i32.add
    local.set 10
    block
      loop
        local.get 4
        local.get 5
        i32.gt_s
        br_if 1
        local.get 6
        v128.load align=8
        local.set 13
        local.get 7
        v128.load align=8
        local.get 11
        f64x2.mul
        local.set 14
        local.get 13
        local.get 14
        f64x2.add
        local.get 12
        f64x2.mul
        local.set 15
        local.get 13
        local.get 14
        f64x2.sub
        local.get 12
        f64x2.mul
        local.set 16
        local.get 16
        local.get 16
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 11
        f64x2.mul
        local.set 16
        local.get 10
        v128.load align=8
        local.set 18
        local.get 10
        v128.load offset=16 align=8
        local.set 19
        local.get 16
        local.get 18
        f64x2.mul
        local.get 16
        local.get 16
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 19
        f64x2.mul
        f64x2.add
        local.set 17
        local.get 8
        local.get 15
        local.get 17
        f64x2.add
        v128.store align=8
        local.get 9
        local.get 15
        local.get 17
        f64x2.sub
        local.get 11
        f64x2.mul
        v128.store align=8
        local.get 4
        i32.const 1
        i32.add
        local.set 4
        local.get 6
        i32.const 16
        i32.add
        local.set 6
        local.get 7
        i32.const 16
        i32.sub
        local.set 7
        local.get 8
        i32.const 16
        i32.add
        local.set 8
        local.get 9
        i32.const 16
        i32.sub
        local.set 9
        local.get 10
        i32.const 32
        i32.add
        local.set 10
        br 0
      end
    end
  )
  (func $rmerge (export "rmerge") (param i32 i32 i32 i32)
    (local i32 i32 i32 i32 i32 v128 v128 v128 v128 v128 v128 v128 v128 v128)
    v128.const f64x2 1 -1
    local.set 9
    v128.const f64x2 0.5 0.5
    local.set 10
    v128.const f64x2 -1 1
    local.set 11
    i32.const 1
    local.set 4
    local.get 0
    i32.const 16
    i32.add
    local.set 5
    local.get 0
    local.get 3
    i32.const 1
    i32.sub
    i32.const 4
    i32.shl
    i32.add
    local.set 6
    local.get 1
    i32.const 16
    i32.add
    local.set 7
    local.get 2
    i32.const 32
    i32.add
    local.set 8
    block
      loop
        local.get 4
        local.get 3
        i32.ge_s
        br_if 1
        local.get 5
        v128.load align=8
        local.set 12
        local.get 6
        v128.load align=8
        local.get 9
        f64x2.mul
        local.set 13
        local.get 12
        local.get 13
        f64x2.add
        local.get 10
        f64x2.mul
        local.set 14
        local.get 12
        local.get 13
        f64x2.sub
        local.get 10
        f64x2.mul
        local.set 15
        local.get 8
        v128.load align=8
        local.set 16
        local.get 8
        v128.load offset=16 align=8
        local.set 17
        local.get 15
        local.get 16
        f64x2.mul
        local.get 15
        local.get 15
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 17
        f64x2.mul
        f64x2.add
        local.set 15
        local.get 7
        local.get 14
        local.get 15
        local.get 15
        i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7
        local.get 11
        f64x2.mul
        f64x2.add
        v128.store align=8
        local.get 4
        i32.const 1
        i32.add
        local.set 4
        local.get 5
        i32.const 16
        i32.add
        local.set 5
        local.get 6
        i32.const 16
        i32.sub
        local.set 6
        local.get 7
        i32.const 16
        i32.add
        local.set 7
        local.get 8
        i32.const 32
        i32.add
        local.set 8
        br 0
      end
    end
  )
  (func $blocks (export "blocks") (param i32 i32 i32 i32 i32 i32 i32 f64 f64)
    (local i32 i32 i32 i32 i32 i32 i32 i32 i32 i32 i32)
    i32.const 0
    local.set 9
    block
      loop
        local.get 9
        local.get 4
        i32.ge_s
        br_if 1
        local.get 2
        local.get 9
        local.get 5
        i32.mul
        i32.add
        local.set 11
        local.get 3
        local.get 9
        local.get 5
        i32.mul
        i32.add
        local.set 12
        i32.const 0
        local.set 10
        local.get 0
        local.set 14
        block
          loop
            local.get 10
            local.get 1
            i32.ge_s
            br_if 1
            local.get 14
            i32.load align=4
            local.set 15
            local.get 14
            i32.load offset=4 align=4
            local.set 16
            local.get 14
            i32.load offset=8 align=4
            local.get 6
            i32.mul
            local.set 17
            local.get 14
            i32.load offset=12 align=4
            local.get 14
            i32.load offset=16 align=4
            local.get 7
            f64.const 0
            f64.lt
            select
            local.set 18
            local.get 10
            local.get 1
            i32.const 1
            i32.sub
            i32.eq
            local.set 19
            local.get 15
            i32.const 4
            i32.eq
            if
              local.get 11
              local.get 12
              local.get 16
              local.get 17
              local.get 18
              local.get 7
              local.get 19
              local.get 8
              call $pass4
            else
              local.get 15
              i32.const 2
              i32.eq
              if
                local.get 11
                local.get 12
                local.get 16
                local.get 17
                local.get 18
                local.get 7
                local.get 19
                local.get 8
                call $pass2
              else
                local.get 15
                i32.const 3
                i32.eq
                if
                  local.get 11
                  local.get 12
                  local.get 16
                  local.get 17
                  local.get 18
                  local.get 7
                  local.get 19
                  local.get 8
                  call $pass3
                else
                  local.get 11
                  local.get 12
                  local.get 16
                  local.get 17
                  local.get 18
                  local.get 7
                  local.get 19
                  local.get 8
                  call $pass5
                end
              end
            end
            local.get 11
            local.set 13
            local.get 12
            local.set 11
            local.get 13
            local.set 12
            local.get 14
            i32.const 20
            i32.add
            local.set 14
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
)
