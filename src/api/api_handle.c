/* SPDX-License-Identifier: MIT
 * api/api_handle.c: the handle table (see api_handle.h for the encoding).
 * Entries live in chunks that are never freed while the library is loaded, so a lookup racing
 * with a release reads a valid entry and simply sees the handle value change. */
#include "api_handle.h"
#include "os.h"

#define CHUNK_SHIFT 10u
#define CHUNK_SIZE  (1u << CHUNK_SHIFT)
#define CHUNK_COUNT ((HANDLE_MAX_SLOTS + CHUNK_SIZE) / CHUNK_SIZE)
#define FREE_NONE   UINT32_MAX

struct handle_entry {
    JET_API_PTR h;          /* current handle of this slot; 0 when free (atomic) */
    void *obj;              /* atomic */
    uint32_t gen;           /* generation of the next handle of this slot */
    uint32_t next_free;     /* FIFO free list */
};

struct handle_table {
    struct os_mutex lock;
    struct handle_entry *chunks[CHUNK_COUNT];   /* atomic pointers */
    uint32_t cslot;          /* slots ever used */
    uint32_t free_head, free_tail;
    uint32_t clive;
};

static struct handle_table tables[16];
static int tables_ready;        /* 0 untouched, 1 initializing, 2 ready */

/* One-time setup without an OS "once" primitive: the winner initializes, losers spin briefly. */
static void tables_init(void)
{
    int state = __atomic_load_n(&tables_ready, __ATOMIC_ACQUIRE);
    if (LIKELY(state == 2)) return;
    state = 0;
    if (__atomic_compare_exchange_n(&tables_ready, &state, 1, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
        for (size_t i = 0; i < ARRAY_SIZE(tables); i++) {
            os_mutex_init(&tables[i].lock);
            tables[i].free_head = tables[i].free_tail = FREE_NONE;
        }
        __atomic_store_n(&tables_ready, 2, __ATOMIC_RELEASE);
        return;
    }
    while (__atomic_load_n(&tables_ready, __ATOMIC_ACQUIRE) != 2)
        os_sleep_ms(0);
}

static struct handle_entry *entry_of(struct handle_table *t, uint32_t slot)
{
    struct handle_entry *chunk = __atomic_load_n(&t->chunks[slot >> CHUNK_SHIFT], __ATOMIC_ACQUIRE);
    return chunk ? &chunk[slot & (CHUNK_SIZE - 1)] : NULL;
}

static JET_API_PTR encode(enum handle_kind kind, uint32_t gen, uint32_t slot)
{
    return (JET_API_PTR)(((uint32_t)kind << 28) | ((gen & ((1u << HANDLE_GEN_BITS) - 1)) << HANDLE_SLOT_BITS) | (slot + 1));
}

JET_ERR handle_alloc(enum handle_kind kind, void *obj, JET_API_PTR *ph)
{
    tables_init();
    struct handle_table *t = &tables[kind];
    uint32_t slot;
    JET_ERR err = JET_errSuccess;

    os_mutex_lock(&t->lock);
    if (t->free_head != FREE_NONE) {
        slot = t->free_head;
        struct handle_entry *e = entry_of(t, slot);
        t->free_head = e->next_free;
        if (t->free_head == FREE_NONE) t->free_tail = FREE_NONE;
    } else {
        if (t->cslot >= HANDLE_MAX_SLOTS) FAIL(JET_errOutOfMemory);
        slot = t->cslot;
        if (!t->chunks[slot >> CHUNK_SHIFT]) {
            struct handle_entry *chunk = mem_calloc(CHUNK_SIZE, sizeof *chunk);
            if (!chunk) FAIL(JET_errOutOfMemory);
            __atomic_store_n(&t->chunks[slot >> CHUNK_SHIFT], chunk, __ATOMIC_RELEASE);
        }
        t->cslot++;
    }
    struct handle_entry *e = entry_of(t, slot);
    JET_API_PTR h = encode(kind, e->gen, slot);
    e->gen++;
    __atomic_store_n(&e->obj, obj, __ATOMIC_RELAXED);
    __atomic_store_n(&e->h, h, __ATOMIC_RELEASE);
    t->clive++;
    *ph = h;
out:
    os_mutex_unlock(&t->lock);
    return err;
}

void *handle_lookup(enum handle_kind kind, JET_API_PTR h)
{
    if (UNLIKELY(__atomic_load_n(&tables_ready, __ATOMIC_ACQUIRE) != 2)) return NULL;
    if (((uint64_t)h >> 28) != (uint64_t)kind) return NULL;   /* also rejects high bits set */
    uint32_t slot = (uint32_t)(h & HANDLE_MAX_SLOTS);
    if (slot == 0) return NULL;
    struct handle_entry *e = entry_of(&tables[kind], slot - 1);
    if (!e) return NULL;
    if (__atomic_load_n(&e->h, __ATOMIC_ACQUIRE) != h) return NULL;
    void *obj = __atomic_load_n(&e->obj, __ATOMIC_ACQUIRE);
    /* Re-check: a release between the two loads makes the object stale. */
    if (__atomic_load_n(&e->h, __ATOMIC_ACQUIRE) != h) return NULL;
    return obj;
}

void handle_free(enum handle_kind kind, JET_API_PTR h)
{
    tables_init();
    struct handle_table *t = &tables[kind];
    uint32_t slot = (uint32_t)(h & HANDLE_MAX_SLOTS);
    if (slot == 0 || ((uint64_t)h >> 28) != (uint64_t)kind) return;
    slot--;
    os_mutex_lock(&t->lock);
    struct handle_entry *e = entry_of(t, slot);
    if (e && e->h == h) {
        __atomic_store_n(&e->h, (JET_API_PTR)0, __ATOMIC_RELEASE);
        __atomic_store_n(&e->obj, NULL, __ATOMIC_RELAXED);
        e->next_free = FREE_NONE;
        if (t->free_tail == FREE_NONE) t->free_head = slot;
        else entry_of(t, t->free_tail)->next_free = slot;
        t->free_tail = slot;
        t->clive--;
    }
    os_mutex_unlock(&t->lock);
}

uint32_t handle_count(enum handle_kind kind)
{
    tables_init();
    struct handle_table *t = &tables[kind];
    os_mutex_lock(&t->lock);
    uint32_t n = t->clive;
    os_mutex_unlock(&t->lock);
    return n;
}
