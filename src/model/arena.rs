//! Copy-on-write node storage with stable ids.
//!
//! Nodes live in fixed-size chunks behind `Arc`s. Cloning the arena (taking a snapshot) copies
//! only the chunk pointers; mutating a node after a snapshot copies just its chunk. So a snapshot
//! costs O(nodes / CHUNK) pointer copies and an update after it O(touched chunks × CHUNK), while
//! ids stay valid for as long as their node lives. Freed slots are reused.

use std::sync::Arc;

/// Nodes per chunk: small enough that copying a chunk is cheap, large enough that a snapshot of
/// a million nodes copies only a few thousand pointers.
const CHUNK: usize = 128;

/// A node's id: an index into the arena, stable while the node lives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub u32);

impl NodeId {
    fn split(self) -> (usize, usize) {
        let i = self.0 as usize;
        (i / CHUNK, i % CHUNK)
    }
}

/// The storage. `T` is the node type.
#[derive(Debug)]
pub struct Arena<T> {
    chunks: Vec<Arc<Vec<Option<T>>>>,
    free: Vec<NodeId>,
    live: usize,
    /// Mutable accesses since the counter was last reset: lets tests prove an update is O(depth).
    touched: usize,
}

impl<T> Clone for Arena<T> {
    fn clone(&self) -> Self {
        Arena {
            chunks: self.chunks.clone(),
            free: self.free.clone(),
            live: self.live,
            touched: 0,
        }
    }
}

impl<T> Default for Arena<T> {
    fn default() -> Self {
        Arena {
            chunks: Vec::new(),
            free: Vec::new(),
            live: 0,
            touched: 0,
        }
    }
}

impl<T: Clone> Arena<T> {
    /// Stores `node` and returns its id (a freed slot if there is one).
    pub fn alloc(&mut self, node: T) -> NodeId {
        self.live += 1;
        if let Some(id) = self.free.pop() {
            let (c, i) = id.split();
            if let Some(slot) = self.chunks.get_mut(c).map(|ch| &mut Arc::make_mut(ch)[i]) {
                *slot = Some(node);
                return id;
            }
        }
        let needs_chunk = self.chunks.last().is_none_or(|c| c.len() == CHUNK);
        if needs_chunk {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        let c = self.chunks.len() - 1;
        let chunk = Arc::make_mut(&mut self.chunks[c]);
        chunk.push(Some(node));
        NodeId((c * CHUNK + chunk.len() - 1) as u32)
    }

    /// Removes a node; its id may be handed out again later.
    pub fn free(&mut self, id: NodeId) -> Option<T> {
        let (c, i) = id.split();
        let slot = Arc::make_mut(self.chunks.get_mut(c)?).get_mut(i)?;
        let old = slot.take();
        if old.is_some() {
            self.live -= 1;
            self.free.push(id);
        }
        old
    }

    /// The node behind `id`, if it lives.
    pub fn get(&self, id: NodeId) -> Option<&T> {
        let (c, i) = id.split();
        self.chunks.get(c)?.get(i)?.as_ref()
    }

    /// Mutable access; copies the node's chunk if a snapshot still shares it.
    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut T> {
        let (c, i) = id.split();
        self.touched += 1;
        Arc::make_mut(self.chunks.get_mut(c)?).get_mut(i)?.as_mut()
    }

    /// Number of live nodes.
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when no node lives.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Mutable accesses since the last `reset_touched`.
    pub fn touched(&self) -> usize {
        self.touched
    }

    /// Resets the mutable-access counter.
    pub fn reset_touched(&mut self) {
        self.touched = 0;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_and_reused() {
        let mut a = Arena::default();
        let ids: Vec<_> = (0..300).map(|i| a.alloc(i)).collect();
        assert_eq!(a.len(), 300);
        assert_eq!(a.get(ids[299]), Some(&299));
        assert_eq!(a.free(ids[5]), Some(5));
        assert_eq!(a.get(ids[5]), None);
        assert_eq!(a.free(ids[5]), None);
        let again = a.alloc(1000);
        assert_eq!(again, ids[5]);
        assert_eq!(a.get(ids[6]), Some(&6));
    }

    #[test]
    fn clones_are_isolated_snapshots() {
        let mut a = Arena::default();
        let ids: Vec<_> = (0..1000).map(|i| a.alloc(i)).collect();
        let snap = a.clone();
        *a.get_mut(ids[10]).unwrap() = -1;
        a.free(ids[900]);
        assert_eq!(snap.get(ids[10]), Some(&10));
        assert_eq!(snap.get(ids[900]), Some(&900));
        assert_eq!(a.get(ids[10]), Some(&-1));
        // Only the touched chunks were copied; the others are still shared.
        let shared = a
            .chunks
            .iter()
            .zip(&snap.chunks)
            .filter(|(x, y)| Arc::ptr_eq(x, y))
            .count();
        assert_eq!(shared, a.chunks.len() - 2);
    }
}
