//! git's delta format (pack entries of type OFS_DELTA and REF_DELTA): the base and result sizes,
//! then instructions that copy a range of the base or insert literal bytes. Every size and
//! range is checked; a malformed delta yields `None`, never a panic.

/// Reads a size: 7 bits per byte, least significant first.
fn varint(d: &[u8], i: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    let mut shift = 0u32;
    loop {
        let c = *d.get(*i)?;
        *i += 1;
        n |= usize::from(c & 0x7f).checked_shl(shift)?;
        if c & 0x80 == 0 {
            return Some(n);
        }
        shift += 7;
        if shift > 63 {
            return None;
        }
    }
}

/// The base range `(offset, len)` of a copy instruction `op`, whose bits say which bytes of
/// the offset (4) and length (3) follow; a length of 0 means 0x10000.
fn copy_range(op: u8, delta: &[u8], i: &mut usize) -> Option<(usize, usize)> {
    let offset = packed(
        op,
        &[(0x01, 0), (0x02, 8), (0x04, 16), (0x08, 24)],
        delta,
        i,
    )?;
    let len = match packed(op, &[(0x10, 0), (0x20, 8), (0x40, 16)], delta, i)? {
        0 => 0x10000,
        len => len,
    };
    Some((offset, len))
}

/// Reads the bytes of a number that `op` says are present (`(bit, shift)` per byte).
fn packed(op: u8, bytes: &[(u8, u32)], delta: &[u8], i: &mut usize) -> Option<usize> {
    let mut n = 0usize;
    for &(bit, shift) in bytes {
        if op & bit != 0 {
            n |= usize::from(*delta.get(*i)?) << shift;
            *i += 1;
        }
    }
    Some(n)
}

/// Applies `delta` to `base`.
pub fn apply(base: &[u8], delta: &[u8]) -> Option<Vec<u8>> {
    let mut i = 0;
    if varint(delta, &mut i)? != base.len() {
        return None;
    }
    let size = varint(delta, &mut i)?;
    if size > 1 << 30 {
        return None;
    }
    let mut out = Vec::with_capacity(size);
    while i < delta.len() {
        let op = *delta.get(i)?;
        i += 1;
        if op & 0x80 != 0 {
            let (offset, len) = copy_range(op, delta, &mut i)?;
            out.extend_from_slice(base.get(offset..offset.checked_add(len)?)?);
        } else if op != 0 {
            let n = usize::from(op);
            out.extend_from_slice(delta.get(i..i + n)?);
            i += n;
        } else {
            return None;
        }
        if out.len() > size {
            return None;
        }
    }
    (out.len() == size).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_and_inserts() {
        let base = b"hello, world\n";
        // base 13, result 18: copy 0..7 ("hello, "), insert "there ", copy 7..12 ("world").
        let mut d = vec![13, 18];
        d.extend([0x80 | 0x10, 7]);
        d.push(6);
        d.extend(b"there ");
        d.extend([0x80 | 0x01 | 0x10, 7, 5]);
        assert_eq!(apply(base, &d).as_deref(), Some(&b"hello, there world"[..]));
        assert_eq!(apply(b"short", &d), None, "wrong base size");
        let mut bad = d.clone();
        bad[1] = 19;
        assert_eq!(apply(base, &bad), None, "wrong result size");
        assert_eq!(
            apply(base, &[13, 3, 0x80 | 0x01 | 0x10, 200, 3]),
            None,
            "copy out of range"
        );
        assert_eq!(apply(base, &[13, 1, 0]), None, "reserved opcode");
    }
}
