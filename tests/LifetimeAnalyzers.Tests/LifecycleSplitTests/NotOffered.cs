using System.Threading.Tasks;
using Xunit;
using Verify = LifetimeAnalyzers.Tests.Verifiers.RefactoringVerifier<LifetimeAnalyzers.CodeFixes.LifecycleSplit.LifecycleSplitRefactoring>;

namespace LifetimeAnalyzers.Tests.LifecycleSplitTests
{
    /// <summary>Where the split would change what the class does, or has nothing to do, it is not offered.</summary>
    public sealed class NotOffered
    {
        private const string Sensor = """
            using System;
            using System.IO;

            namespace Drivers
            {
                public sealed class Sensor
                {
                    public event EventHandler? Changed;
                }
            }
            """;

        [Fact]
        public Task Class_with_nothing_to_split() =>
            Verify.VerifyNotOfferedAsync("""
                namespace Drivers
                {
                    public sealed class [|Reading|]
                    {
                        private readonly int _raw;

                        public Reading(int raw)
                        {
                            _raw = raw;
                        }

                        public double Celsius => _raw * 0.0625;
                    }
                }
                """);

        [Fact]
        public Task Caret_inside_a_member_rather_than_on_the_header() =>
            Verify.VerifyNotOfferedAsync(Sensor, """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class Logger : IDisposable
                    {
                        private readonly StreamWriter _log;

                        public Logger(Sensor sensor, string path)
                        {
                            [|sensor.Changed += OnChanged;|]
                            _log = new StreamWriter(path);
                        }

                        private void OnChanged(object? sender, EventArgs e) => _log.WriteLine("changed");

                        public void Dispose() => _log.Dispose();
                    }
                }
                """);

        [Fact]
        public Task Registration_whose_token_the_constructor_keeps_in_a_local() =>
            Verify.VerifyNotOfferedAsync(Sensor, """
                using System;
                using System.Threading;

                namespace Drivers
                {
                    public sealed class [|Watchdog|]
                    {
                        private readonly Timer _timer;

                        public Watchdog()
                        {
                            var timer = new Timer(OnExpired, null, 0, 500);
                            _timer = timer;
                        }

                        private void OnExpired(object? state) => Console.WriteLine("expired");
                    }
                }
                """);

        [Fact]
        public Task Registration_that_uses_a_local_of_the_constructor() =>
            Verify.VerifyNotOfferedAsync(Sensor, """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class [|Logger|] : IDisposable
                    {
                        private readonly StreamWriter _log;

                        public Logger(Func<Sensor> find, string path)
                        {
                            var sensor = find();
                            sensor.Changed += OnChanged;
                            _log = new StreamWriter(path);
                        }

                        private void OnChanged(object? sender, EventArgs e) => _log.WriteLine("changed");

                        public void Dispose() => _log.Dispose();
                    }
                }
                """);

        [Fact]
        public Task Construction_with_an_object_initializer_cannot_go_through_the_factory() =>
            Verify.VerifyNotOfferedAsync(Sensor, """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class [|Logger|]
                    {
                        private readonly Sensor _sensor;

                        public Logger(Sensor sensor)
                        {
                            _sensor = sensor;
                            _sensor.Changed += OnChanged;
                        }

                        public string Prefix { get; set; } = "";

                        private void OnChanged(object? sender, EventArgs e) => Console.WriteLine(Prefix + "changed");
                    }

                    public static class Program
                    {
                        public static Logger Start(Sensor sensor) => new Logger(sensor) { Prefix = "> " };
                    }
                }
                """);

        [Fact]
        public Task Registering_class_that_another_class_derives_from() =>
            Verify.VerifyNotOfferedAsync(Sensor, """
                using System;

                namespace Drivers
                {
                    public class [|Logger|]
                    {
                        private readonly Sensor _sensor;

                        public Logger(Sensor sensor)
                        {
                            _sensor = sensor;
                            _sensor.Changed += OnChanged;
                        }

                        protected virtual void OnChanged(object? sender, EventArgs e) => Console.WriteLine("changed");
                    }

                    public sealed class LoudLogger : Logger
                    {
                        public LoudLogger(Sensor sensor)
                            : base(sensor)
                        {
                        }
                    }
                }
                """);

        [Fact]
        public Task Registering_class_with_two_constructors() =>
            Verify.VerifyNotOfferedAsync(Sensor, """
                using System;

                namespace Drivers
                {
                    public sealed class [|Logger|]
                    {
                        private readonly Sensor _sensor;
                        private readonly string _prefix;

                        public Logger(Sensor sensor)
                            : this(sensor, "")
                        {
                        }

                        public Logger(Sensor sensor, string prefix)
                        {
                            _sensor = sensor;
                            _sensor.Changed += OnChanged;
                            _prefix = prefix;
                        }

                        private void OnChanged(object? sender, EventArgs e) => Console.WriteLine(_prefix + "changed");
                    }
                }
                """);

        [Fact]
        public Task Class_already_split() =>
            Verify.VerifyNotOfferedAsync(Sensor, """
                using System;
                using System.IO;

                namespace Drivers
                {
                    public sealed class [|Logger|] : IDisposable
                    {
                        private readonly Sensor _sensor;
                        private readonly StreamWriter _log;

                        public static Logger Create(Sensor sensor, string path)
                        {
                            var instance = new Logger(sensor, path);
                            instance.Register();
                            return instance;
                        }

                        private Logger(Sensor sensor, string path)
                        {
                            _sensor = sensor;
                            _log = new StreamWriter(path);
                        }

                        private void Register()
                        {
                            _sensor.Changed += OnChanged;
                        }

                        private void Unregister()
                        {
                            _sensor.Changed -= OnChanged;
                        }

                        private void OnChanged(object? sender, EventArgs e) => _log.WriteLine("changed");

                        public void Dispose()
                        {
                            Unregister();
                            _log.Dispose();
                        }
                    }
                }
                """);

        [Fact]
        public Task Class_disposable_through_its_base_that_would_need_a_Dispose_of_its_own() =>
            Verify.VerifyNotOfferedAsync("""
                using System;
                using System.IO;

                namespace Drivers
                {
                    public abstract class Channel : IDisposable
                    {
                        public void Dispose() => Close();

                        protected virtual void Close()
                        {
                        }
                    }

                    public sealed class [|LogChannel|] : Channel
                    {
                        private readonly StreamWriter _log = new StreamWriter("channel.log");

                        public void Write(string line) => _log.WriteLine(line);
                    }
                }
                """);

        [Fact]
        public Task Class_whose_release_callback_already_does_all_the_cleanup() =>
            Verify.VerifyNotOfferedAsync("""
                using System.Collections.Generic;

                namespace Drivers
                {
                    public abstract class Subdevice
                    {
                        protected internal abstract void Release();
                    }

                    public sealed class MediaDevice
                    {
                        private readonly List<Subdevice> _subdevs = new();

                        public void RegisterSubdev(Subdevice sd) => _subdevs.Add(sd);

                        public void UnregisterSubdev(Subdevice sd)
                        {
                            _subdevs.Remove(sd);
                            sd.Release();
                        }
                    }

                    public sealed class [|SensorEntity|] : Subdevice
                    {
                        public int[]? Pads { get; private set; } = new int[1];

                        protected internal override void Release() => Pads = null;
                    }

                    public static class Entities
                    {
                        public static void Unregister(MediaDevice md, SensorEntity ved) => md.UnregisterSubdev(ved);
                    }
                }
                """);

        [Fact]
        public Task Registration_assigning_a_field_declared_together_with_another() =>
            Verify.VerifyNotOfferedAsync("""
                using System;

                namespace Drivers
                {
                    public sealed class Endpoint : IDisposable
                    {
                        public Endpoint(Action onMessage)
                        {
                        }

                        public void Dispose()
                        {
                        }
                    }

                    public sealed class RemoteProc
                    {
                        public Endpoint CreateEndpoint(Action onMessage) => new Endpoint(onMessage);
                    }

                    public sealed class [|Tty|] : IDisposable
                    {
                        private Endpoint _ept, _console;
                        private int _received;

                        public Tty(RemoteProc rproc)
                        {
                            _ept = rproc.CreateEndpoint(OnReceive);
                            _console = rproc.CreateEndpoint(OnReceive);
                            _received = 0;
                        }

                        private void OnReceive() => _received++;

                        public void Dispose()
                        {
                            _ept.Dispose();
                            _console.Dispose();
                        }
                    }
                }
                """);
    }
}
