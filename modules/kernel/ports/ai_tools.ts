import type { LocalizedText } from '../catalog/module_catalog.ts'
import type { JsonSchema } from './openapi.ts'

/** What an AI tool learns about the call: who asks, for which organisation. */
export type AiToolContext = { organizationId: string; userId: string; locale: string }

/**
 * An action a module offers the assistant (`<module>.<tool>`), run with the asking member's
 * permission and inside their organisation. Declared here so modules can be written against it;
 * no implementation is bound yet.
 */
export interface AiTool<Input = unknown, Output = unknown> {
  name: string
  description: LocalizedText
  /** The permission the asking member needs. */
  permission: string
  /** The JSON Schema of `Input`, given to the model. */
  input: JsonSchema
  run(input: Input, context: AiToolContext): Promise<Output>
}

/** Where modules register the tools they offer the assistant. */
export interface AiToolRegistry {
  register(tool: AiTool<any, any>): void
  /** The tools of the modules an organisation has enabled. */
  forOrganization(organizationId: string): Promise<AiTool[]>
}
