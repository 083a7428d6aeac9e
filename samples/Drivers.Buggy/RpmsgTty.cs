// Ports the imx rpmsg tty teardown bug: the remove path let the coprocessor stop and the shared memory be unmapped while
// the tty was still open and written to. Here Dispose unmaps the memory before it closes the endpoint whose callback writes there.
using System;
using System.Collections.Generic;

namespace Drivers.Rpmsg
{
    /// <summary>What an endpoint calls with each message the remote processor sends to it.</summary>
    public delegate void RpmsgCallback(ReadOnlySpan<byte> message);

    /// <summary>A window of memory shared with the remote processor; writing to it after it is unmapped throws.</summary>
    public sealed class SharedMemory : IDisposable
    {
        private byte[]? _window;
        private int _head;

        public SharedMemory(int size)
        {
            _window = new byte[size];
        }

        /// <summary>Appends to the ring buffer in the window.</summary>
        public void Write(ReadOnlySpan<byte> data)
        {
            byte[] window = _window ?? throw new ObjectDisposedException(nameof(SharedMemory), "The shared memory is unmapped.");
            foreach (byte b in data)
            {
                window[_head] = b;
                _head = (_head + 1) % window.Length;
            }
        }

        /// <summary>Unmaps the window.</summary>
        public void Dispose() => _window = null;
    }

    /// <summary>
    /// An rpmsg endpoint: the remote processor's mailbox hands it messages for its callback until it is closed.
    /// Closing it waits for a delivery in progress, like the kernel's endpoint callback lock.
    /// </summary>
    public sealed class Endpoint : IDisposable
    {
        private readonly object _callbackLock = new();
        private RpmsgCallback? _callback;

        public Endpoint(RpmsgCallback callback)
        {
            _callback = callback;
        }

        /// <summary>Called from the mailbox interrupt with a message addressed to this endpoint.</summary>
        public void Deliver(ReadOnlySpan<byte> message)
        {
            lock (_callbackLock)
            {
                _callback?.Invoke(message);
            }
        }

        /// <summary>Closes the endpoint: once this returns, its callback is not running and never runs again.</summary>
        public void Dispose()
        {
            lock (_callbackLock)
            {
                _callback = null;
            }
        }
    }

    /// <summary>The remote processor next to the application cores, and the rpmsg channel to it.</summary>
    public sealed class RemoteProc
    {
        private const int SharedMemorySize = 4096;

        private readonly List<Endpoint> _endpoints = new();

        public SharedMemory MapShared() => new SharedMemory(SharedMemorySize);

        public Endpoint CreateEndpoint(RpmsgCallback callback)
        {
            var endpoint = new Endpoint(callback);
            lock (_endpoints)
            {
                _endpoints.Add(endpoint);
            }

            return endpoint;
        }

        /// <summary>The mailbox interrupt, on its own thread: a message from the remote processor arrived.</summary>
        public void OnMailbox(ReadOnlySpan<byte> message)
        {
            Endpoint[] endpoints;
            lock (_endpoints)
            {
                endpoints = _endpoints.ToArray();
            }

            foreach (Endpoint endpoint in endpoints)
            {
                endpoint.Deliver(message);
            }
        }
    }

    /// <summary>The tty over rpmsg: what the remote processor sends lands in the tty's buffer in shared memory.</summary>
    public sealed class RpmsgTty : IDisposable
    {
        private SharedMemory? _shm;
        private readonly Endpoint _ept;

        public RpmsgTty(RemoteProc rproc)
        {
            _shm = rproc.MapShared();
            _ept = rproc.CreateEndpoint(OnReceive);
        }

        private void OnReceive(ReadOnlySpan<byte> msg) => _shm!.Write(msg);

        public void Dispose()
        {
            _shm!.Dispose(); // LIFE003: the endpoint is closed only below, so OnReceive can still write to the unmapped memory
            _shm = null;
            _ept.Dispose();
        }
    }
}
