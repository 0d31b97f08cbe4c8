package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// service is a started process and how to stop it.
type service struct {
	name string
	stop func()
}

// freePort returns a loopback TCP port nobody listens on now.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// waitPort waits until something accepts connections on a loopback port.
func waitPort(port int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", "127.0.0.1:"+strconv.Itoa(port), 200*time.Millisecond)
		if err == nil {
			c.Close()
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("nothing listens on 127.0.0.1:%d after %s", port, limit)
}

// findPostgres returns the directory holding initdb and pg_ctl.
func findPostgres() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		return filepath.Dir(p), nil
	}
	cands := []string{"/usr/local/bin"}
	more, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	cands = append(cands, more...)
	for _, d := range cands {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", errors.New("initdb not found (install postgresql: apt-get install -y postgresql)")
}

// asUser returns the command prefix that runs PostgreSQL's tools as an
// unprivileged user when this process is root (initdb refuses root), and
// chowns dir to that user.
func asUser(dir string) ([]string, error) {
	if os.Geteuid() != 0 {
		return nil, nil
	}
	for _, name := range []string{"postgres", "nobody"} {
		u, err := user.Lookup(name)
		if err != nil {
			continue
		}
		uid, _ := strconv.Atoi(u.Uid)
		gid, _ := strconv.Atoi(u.Gid)
		err = filepath.Walk(dir, func(p string, _ os.FileInfo, err error) error {
			if err != nil {
				return err
			}
			return os.Chown(p, uid, gid)
		})
		if err != nil {
			return nil, err
		}
		return []string{"runuser", "-u", name, "--"}, nil
	}
	return nil, errors.New("running as root and no postgres or nobody user to run PostgreSQL as")
}

// startPostgres initialises a cluster in dir and starts it on port, with
// trust authentication for user racecheck.
func startPostgres(dir string, port int) (*service, error) {
	bin, err := findPostgres()
	if err != nil {
		return nil, err
	}
	data := filepath.Join(dir, "data")
	sock := filepath.Join(dir, "sock")
	if err := os.MkdirAll(sock, 0o755); err != nil {
		return nil, err
	}
	prefix, err := asUser(dir)
	if err != nil {
		return nil, err
	}
	cmd := func(args ...string) error {
		all := append(append([]string{}, prefix...), args...)
		c := exec.Command(all[0], all[1:]...)
		var out bytes.Buffer
		c.Stdout, c.Stderr = &out, &out
		if err := c.Run(); err != nil {
			return fmt.Errorf("%s: %v\n%s", filepath.Base(args[0]), err, out.String())
		}
		return nil
	}
	if err := cmd(filepath.Join(bin, "initdb"), "-D", data, "-U", "racecheck", "--auth=trust", "-E", "UTF8", "--no-sync"); err != nil {
		return nil, err
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200", port, sock)
	if err := cmd(filepath.Join(bin, "pg_ctl"), "-D", data, "-o", opts, "-l", filepath.Join(dir, "postgres.log"), "-w", "start"); err != nil {
		return nil, err
	}
	return &service{name: "postgres", stop: func() {
		_ = cmd(filepath.Join(bin, "pg_ctl"), "-D", data, "-m", "fast", "-w", "stop")
	}}, nil
}

// startProcess starts a long-running child with its output in a log file.
func startProcess(name, log, dir string, env []string, args ...string) (*service, error) {
	f, err := os.Create(log)
	if err != nil {
		return nil, err
	}
	c := exec.Command(args[0], args[1:]...)
	c.Dir = dir
	c.Env = append(os.Environ(), env...)
	c.Stdout, c.Stderr = f, f
	if err := c.Start(); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	done := make(chan struct{})
	go func() { _ = c.Wait(); f.Close(); close(done) }()
	return &service{name: name, stop: func() {
		_ = c.Process.Signal(os.Interrupt)
		select {
		case <-done:
		case <-time.After(3 * time.Second):
			_ = c.Process.Kill()
			<-done
		}
	}}, nil
}

// startRedis starts redis-server on a loopback port with no persistence.
func startRedis(dir string, port int) (*service, error) {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		return nil, errors.New("redis-server not found (install it: apt-get install -y redis-server)")
	}
	s, err := startProcess("redis", filepath.Join(dir, "redis.log"), dir, nil, bin,
		"--port", strconv.Itoa(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir)
	if err != nil {
		return nil, err
	}
	if err := waitPort(port, 10*time.Second); err != nil {
		s.stop()
		return nil, fmt.Errorf("redis: %v (see %s)", err, filepath.Join(dir, "redis.log"))
	}
	return s, nil
}

// runLogged runs a command to completion, returning its combined output in
// the error when it fails.
func runLogged(ctx context.Context, dir string, env []string, args ...string) error {
	c := exec.CommandContext(ctx, args[0], args[1:]...)
	c.Dir = dir
	c.Env = append(os.Environ(), env...)
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	if err := c.Run(); err != nil {
		return fmt.Errorf("%s: %v\n%s", strings.Join(args, " "), err, out.String())
	}
	return nil
}
