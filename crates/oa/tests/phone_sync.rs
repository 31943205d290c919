//! The phone-screen editor's sync protocol: two simulated pages edit one
//! document concurrently over a simulated network (messages delayed,
//! reordered between the two pages, connections dropped) and must end with
//! the server's text, with no keystroke lost and none resurrected.

use std::collections::{BTreeSet, VecDeque};

use oaj_oa::phone::{Client, Doc, LoggedOp, Operation, Outgoing, Receipt};
use proptest::prelude::*;

#[derive(Debug, Clone)]
enum Action {
    /// Client types one fresh character at a position (a fraction of the text).
    Insert { client: usize, at: u16, astral: bool },
    /// Client deletes up to `len` characters from a position.
    Delete { client: usize, at: u16, len: u8 },
    /// The server reads the next message a client sent.
    Up { client: usize },
    /// A client reads the next message the server sent it.
    Down { client: usize },
    /// A client's connection drops (losing what was on the wire) and it
    /// reconnects with a catch-up from its last revision.
    Drop { client: usize, lose_sent: bool },
}

fn action() -> impl Strategy<Value = Action> {
    prop_oneof![
        3 => (0..2usize, any::<u16>(), prop::bool::weighted(0.2)).prop_map(|(client, at, astral)| Action::Insert { client, at, astral }),
        1 => (0..2usize, any::<u16>(), 1..4u8).prop_map(|(client, at, len)| Action::Delete { client, at, len }),
        3 => (0..2usize).prop_map(|client| Action::Up { client }),
        3 => (0..2usize).prop_map(|client| Action::Down { client }),
        1 => (0..2usize, any::<bool>()).prop_map(|(client, lose_sent)| Action::Drop { client, lose_sent }),
    ]
}

struct World {
    server: Doc,
    clients: Vec<Client>,
    up: Vec<VecDeque<Outgoing>>,
    down: Vec<VecDeque<LoggedOp>>,
    inserted: BTreeSet<char>,
    deleted: BTreeSet<char>,
    next_char: u32,
}

/// UTF-16 offset of the `chars`-th character of `text`.
fn offset(text: &str, chars: usize) -> usize {
    text.chars().take(chars).map(char::len_utf16).sum()
}

impl World {
    fn new(initial: &str) -> World {
        World {
            server: Doc::new(initial, 1 << 20),
            clients: vec![Client::new("a", initial, 0), Client::new("b", initial, 0)],
            up: vec![VecDeque::new(), VecDeque::new()],
            down: vec![VecDeque::new(), VecDeque::new()],
            inserted: initial.chars().collect(),
            deleted: BTreeSet::new(),
            next_char: 0,
        }
    }

    fn fresh(&mut self, astral: bool) -> char {
        self.next_char += 1;
        // Private-use characters: every keystroke is a distinct character,
        // some outside the BMP (two UTF-16 units).
        let base = if astral { 0xF0000 } else { 0xE000 };
        char::from_u32(base + self.next_char).expect("a private-use character")
    }

    fn edit(&mut self, client: usize, op: Operation) {
        if let Some(out) = self.clients[client].edit(op).expect("a local edit applies") {
            self.up[client].push_back(out);
        }
    }

    fn step(&mut self, action: &Action) {
        match *action {
            Action::Insert { client, at, astral } => {
                let c = self.fresh(astral);
                self.inserted.insert(c);
                let text = self.clients[client].text().to_string();
                let chars = text.chars().count();
                let at = offset(&text, at as usize % (chars + 1));
                let len = text.encode_utf16().count();
                let op = Operation::new().retain(at).insert(&c.to_string()).retain(len - at);
                self.edit(client, op);
            }
            Action::Delete { client, at, len } => {
                let text = self.clients[client].text().to_string();
                let chars: Vec<char> = text.chars().collect();
                if chars.is_empty() {
                    return;
                }
                let from = at as usize % chars.len();
                let to = (from + len as usize).min(chars.len());
                self.deleted.extend(&chars[from..to]);
                let (a, b) = (offset(&text, from), offset(&text, to));
                let total = text.encode_utf16().count();
                let op = Operation::new().retain(a).delete(b - a).retain(total - b);
                self.edit(client, op);
            }
            Action::Up { client } => {
                if let Some(out) = self.up[client].pop_front() {
                    let author = if client == 0 { "candidate" } else { "interviewer" };
                    let id = self.clients[client].id.clone();
                    match self.server.receive(&id, out.seq, author, out.base, out.op, 0).expect("the server applies it")
                    {
                        Receipt::Applied(entry) => {
                            for down in &mut self.down {
                                down.push_back(entry.clone());
                            }
                        }
                        Receipt::Duplicate => {}
                    }
                }
            }
            Action::Down { client } => {
                if let Some(entry) = self.down[client].pop_front() {
                    if let Some(out) = self.clients[client].receive(&entry).expect("the client applies it") {
                        self.up[client].push_back(out);
                    }
                }
            }
            Action::Drop { client, lose_sent } => {
                if lose_sent {
                    self.up[client].clear();
                }
                self.down[client].clear();
                // Reconnect: the catch-up from the client's revision, then a
                // resend of the operation in flight if it never came back.
                let catch_up: Vec<LoggedOp> = self.server.since(self.clients[client].rev()).to_vec();
                for entry in &catch_up {
                    if let Some(out) = self.clients[client].receive(entry).expect("catch-up applies") {
                        self.up[client].push_back(out);
                    }
                }
                // The page cannot know whether its old message arrived (it
                // may still be on its way, `lose_sent` false): it resends
                // the operation in flight, and the server must not apply it twice.
                if let Some(out) = self.clients[client].resend() {
                    self.up[client].push_back(out);
                }
            }
        }
    }

    fn settle(&mut self) {
        for _ in 0..10_000 {
            let idle = self.up.iter().all(VecDeque::is_empty) && self.down.iter().all(VecDeque::is_empty);
            if idle {
                assert!(self.clients.iter().all(Client::settled), "idle network but unacknowledged edits");
                return;
            }
            for client in 0..2 {
                self.step(&Action::Up { client });
                self.step(&Action::Down { client });
            }
        }
        panic!("the network never settled");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn two_clients_converge_without_losing_keystrokes(
        initial in prop::sample::subsequence(vec!['a', 'b', '😀', 'c', 'é', 'd'], 0..6).prop_map(String::from_iter),
        actions in prop::collection::vec(action(), 0..160),
    ) {
        let mut world = World::new(&initial);
        for action in &actions {
            world.step(action);
        }
        world.settle();
        let server = world.server.text();
        prop_assert_eq!(world.clients[0].text(), server.as_str());
        prop_assert_eq!(world.clients[1].text(), server.as_str());
        let present: BTreeSet<char> = server.chars().collect();
        let expected: BTreeSet<char> = world.inserted.difference(&world.deleted).copied().collect();
        prop_assert_eq!(present, expected);
        // No character twice (an edit applied twice would duplicate one).
        prop_assert_eq!(server.chars().count(), server.chars().collect::<BTreeSet<_>>().len());
        // The log replays to the same text (what the report's replay does).
        let replayed = Doc::replay(&initial, 1 << 20, world.server.log().to_vec()).expect("replay");
        prop_assert_eq!(replayed.text(), server);
    }
}

#[test]
fn an_edit_in_flight_when_the_connection_drops_is_applied_once() {
    let mut server = Doc::new("", 1 << 20);
    let mut a = Client::new("a", "", 0);
    let mut b = Client::new("b", "", 0);
    // a types "x"; the server gets it, but the ack is lost with the connection.
    let sent = a.edit(Operation::new().insert("x")).expect("edit").expect("sent");
    let Receipt::Applied(first) =
        server.receive("a", sent.seq, "candidate", sent.base, sent.op.clone(), 0).expect("apply")
    else {
        panic!("not applied")
    };
    // Meanwhile b types "y" at the start, on revision 0.
    let from_b = b.edit(Operation::new().insert("y")).expect("edit").expect("sent");
    let Receipt::Applied(second) =
        server.receive("b", from_b.seq, "interviewer", from_b.base, from_b.op, 0).expect("apply")
    else {
        panic!("not applied")
    };
    // a types more while disconnected: buffered behind the edit in flight.
    assert!(a.edit(Operation::new().retain(1).insert("z")).expect("edit").is_none());
    // a reconnects from revision 0: the catch-up acks its own edit and sends the buffer.
    let catch_up = server.since(a.rev()).to_vec();
    assert_eq!(catch_up, vec![first.clone(), second.clone()]);
    let mut outgoing = Vec::new();
    for entry in &catch_up {
        outgoing.extend(a.receive(entry).expect("catch-up"));
    }
    assert_eq!(outgoing.len(), 1, "the buffered edit goes out once the old one is acknowledged");
    // A resend of the old edit (the page could not know it had arrived) changes nothing.
    assert_eq!(server.receive("a", sent.seq, "candidate", 0, sent.op, 0).expect("dup"), Receipt::Duplicate);
    let next = outgoing.remove(0);
    let Receipt::Applied(third) = server.receive("a", next.seq, "candidate", next.base, next.op, 0).expect("apply")
    else {
        panic!("not applied")
    };
    a.receive(&third).expect("ack");
    b.receive(&first).expect("b sees a's edit");
    assert!(b.receive(&second).expect("b's ack").is_none());
    b.receive(&third).expect("b sees a's second edit");
    assert!(a.settled());
    // b's "y" was transformed against "x": an incoming insert at the same place goes first.
    assert_eq!(server.text(), "yxz");
    assert_eq!(a.text(), "yxz");
    assert_eq!(b.text(), "yxz");
    // A future revision is refused, not guessed at.
    assert!(server.receive("b", 9, "interviewer", 99, Operation::new().retain(3), 0).is_err());
}
