import { Component, type ComponentChildren } from 'preact';
import styles from './PaneBoundary.module.css';

interface Props {
  name: string;
  children: ComponentChildren;
}

/** Keeps one pane's failure to that pane: it shows the error and a retry; the rest of the panel goes on. */
export class PaneBoundary extends Component<Props, { error: unknown }> {
  state = { error: null as unknown };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  componentDidCatch(error: unknown) {
    console.error(`Sockets: the ${this.props.name} pane failed`, error);
  }

  render() {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div class={styles.failed} role="alert" data-role="pane-error" data-pane={this.props.name}>
        <span>The {this.props.name} pane failed: {error instanceof Error ? error.message : String(error)}</span>
        <button onClick={() => this.setState({ error: null })}>Try again</button>
      </div>
    );
  }
}
