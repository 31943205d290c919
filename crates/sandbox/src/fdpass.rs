//! Passing descriptors over Unix sockets (`SCM_RIGHTS`): the judge hands
//! the sandbox server a connection per run, the server hands it to a
//! supervisor, and a session's supervisor hands init each case's pipes.

use std::io;
use std::os::fd::{FromRawFd, OwnedFd, RawFd};

/// Sends `body` with `fds` (`SCM_RIGHTS`) as one message.
pub(crate) fn send_with_fds(socket: RawFd, body: &[u8], fds: &[RawFd]) -> io::Result<()> {
    let mut iov = libc::iovec { iov_base: body.as_ptr() as *mut libc::c_void, iov_len: body.len() };
    let fd_bytes = std::mem::size_of_val(fds) as u32;
    // SAFETY: CMSG_SPACE is a pure computation.
    let space = unsafe { libc::CMSG_SPACE(fd_bytes) } as usize;
    let mut control = vec![0u8; space];
    // SAFETY: msghdr is plain old data; every pointer set below is valid for
    // the call, and the control buffer has room for the descriptors.
    unsafe {
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = space as _;
        let cmsg = libc::CMSG_FIRSTHDR(&msg);
        (*cmsg).cmsg_level = libc::SOL_SOCKET;
        (*cmsg).cmsg_type = libc::SCM_RIGHTS;
        (*cmsg).cmsg_len = libc::CMSG_LEN(fd_bytes) as _;
        std::ptr::copy_nonoverlapping(fds.as_ptr(), libc::CMSG_DATA(cmsg).cast::<RawFd>(), fds.len());
        if libc::sendmsg(socket, &msg, libc::MSG_NOSIGNAL) != body.len() as isize {
            return Err(io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Receives one message of [`send_with_fds`] into `buffer` (its length and
/// up to `max_fds` descriptors, close-on-exec). A closed peer is an error
/// of kind `UnexpectedEof`.
pub(crate) fn recv_with_fds(socket: RawFd, buffer: &mut [u8], max_fds: usize) -> io::Result<(usize, Vec<OwnedFd>)> {
    let mut iov = libc::iovec { iov_base: buffer.as_mut_ptr().cast(), iov_len: buffer.len() };
    // SAFETY: CMSG_SPACE is a pure computation.
    let space = unsafe { libc::CMSG_SPACE((max_fds.max(1) * std::mem::size_of::<RawFd>()) as u32) } as usize;
    let mut control = vec![0u8; space];
    // SAFETY: as in send_with_fds; the kernel fills at most `space` bytes.
    unsafe {
        let mut msg: libc::msghdr = std::mem::zeroed();
        msg.msg_iov = &mut iov;
        msg.msg_iovlen = 1;
        msg.msg_control = control.as_mut_ptr().cast();
        msg.msg_controllen = space as _;
        let n = loop {
            let n = libc::recvmsg(socket, &mut msg, libc::MSG_CMSG_CLOEXEC);
            if n >= 0 || io::Error::last_os_error().kind() != io::ErrorKind::Interrupted {
                break n;
            }
        };
        if n < 0 {
            return Err(io::Error::last_os_error());
        }
        let mut fds = Vec::new();
        let mut cmsg = libc::CMSG_FIRSTHDR(&msg);
        while !cmsg.is_null() {
            if (*cmsg).cmsg_level == libc::SOL_SOCKET && (*cmsg).cmsg_type == libc::SCM_RIGHTS {
                let data = libc::CMSG_DATA(cmsg);
                let count =
                    ((*cmsg).cmsg_len as usize - (data as usize - cmsg as usize)) / std::mem::size_of::<RawFd>();
                for i in 0..count {
                    fds.push(OwnedFd::from_raw_fd(std::ptr::read_unaligned(data.cast::<RawFd>().add(i))));
                }
            }
            cmsg = libc::CMSG_NXTHDR(&msg, cmsg);
        }
        if n == 0 && fds.is_empty() {
            return Err(io::Error::new(io::ErrorKind::UnexpectedEof, "the peer has closed its end"));
        }
        Ok((n as usize, fds))
    }
}

/// Sends `fd` over `socket` as one one-byte message.
pub(crate) fn send_fd(socket: RawFd, fd: RawFd) -> io::Result<()> {
    send_with_fds(socket, b"r", &[fd])
}

/// Receives one descriptor sent by [`send_fd`]; None at end of stream. A
/// message without a descriptor is an error of kind `InvalidData`.
pub(crate) fn recv_fd(socket: RawFd) -> io::Result<Option<OwnedFd>> {
    let mut byte = [0u8; 1];
    match recv_with_fds(socket, &mut byte, 1) {
        // More than one (which the control buffer's padding would admit)
        // are closed with the vector.
        Ok((_, fds)) => match fds.into_iter().next() {
            Some(fd) => Ok(Some(fd)),
            None => Err(io::Error::new(io::ErrorKind::InvalidData, "a message without a descriptor")),
        },
        Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => Ok(None),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};
    use std::os::fd::AsRawFd;

    use super::*;

    #[test]
    fn a_descriptor_passes_over_the_control_socket() {
        let (judge, server) = crate::server::socket_pair(libc::SOCK_SEQPACKET).expect("socket pair");
        let (read_end, write_end) = crate::isolate::pipe_for_tests();
        send_fd(judge.as_raw_fd(), write_end.as_raw_fd()).expect("send");
        drop(write_end);
        let received = recv_fd(server.as_raw_fd()).expect("receive").expect("a descriptor");
        std::fs::File::from(received).write_all(b"through").expect("write through the passed descriptor");
        let mut text = String::new();
        std::fs::File::from(read_end).read_to_string(&mut text).expect("read");
        assert_eq!(text, "through", "the received descriptor is the sent pipe's write end");
        // A message without a descriptor is refused; the judge closing its
        // end is the end of the stream.
        // SAFETY: valid buffer and descriptor.
        unsafe { libc::send(judge.as_raw_fd(), b"x".as_ptr().cast(), 1, 0) };
        assert_eq!(
            recv_fd(server.as_raw_fd()).map(|fd| fd.is_some()).map_err(|e| e.kind()),
            Err(io::ErrorKind::InvalidData)
        );
        drop(judge);
        assert!(recv_fd(server.as_raw_fd()).expect("end of stream").is_none());
    }
}
