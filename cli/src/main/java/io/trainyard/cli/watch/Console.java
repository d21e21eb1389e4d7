package io.trainyard.cli.watch;

import java.io.PrintStream;

/**
 * Prints watch output: whole lines, and one progress line redrawn in place with {@code \r} (ended
 * with a newline before the next whole line, so the last progress stays on screen).
 */
public final class Console {

  private final PrintStream out;
  private boolean progressOpen;
  private int progressLength;

  public Console(PrintStream out) {
    this.out = out;
  }

  /** A whole line. */
  public synchronized void line(String text) {
    endProgress();
    out.println(text);
    out.flush();
  }

  /** Redraws the progress line; blanks out what a longer previous one left. */
  public synchronized void progress(String text) {
    StringBuilder sb = new StringBuilder("\r").append(text);
    if (text.length() < progressLength) {
      sb.append(" ".repeat(progressLength - text.length()));
    }
    out.print(sb);
    out.flush();
    progressOpen = true;
    progressLength = text.length();
  }

  /** Ends an open progress line. */
  public synchronized void endProgress() {
    if (progressOpen) {
      out.println();
      progressOpen = false;
      progressLength = 0;
    }
  }
}
